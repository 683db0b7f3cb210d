package io.helo.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The protocol inside TLS (implicit TLS: the handshake first, then the same lines) on a port of its own. */
public final class Tls {
    /** The TLS port, at the addresses of {@link Listening#BIND}; off unless given. */
    public static final Setting<Integer> TLS_PORT = Setting.row("--tls-port", Syntax.port())
            .range(Setting.Range.between(0, 65_535))
            .help("Also serve the protocol inside TLS (TLS 1.3 and 1.2, from the first octet) on this port, at the"
                    + " same addresses; 0 picks a free one; off unless given. Needs --tls-cert and --tls-key.")
            .build();
    /** The PEM certificate chain, leaf first. */
    public static final Setting<Path> TLS_CERT = Setting.row("--tls-cert", Syntax.file()).defaultText("")
            .help("PEM certificate chain for --tls-port, leaf first (certbot's fullchain.pem); reloaded when it"
                    + " changes, and on SIGHUP.").build();
    /** Its PEM private key, unencrypted. */
    public static final Setting<Path> TLS_KEY = Setting.row("--tls-key", Syntax.file()).defaultText("")
            .help("Its PEM private key, unencrypted: PKCS#8, PKCS#1 or SEC 1 (certbot's privkey.pem).").build();
    /** How often the two files are checked for a change; zero: only when asked (SIGHUP). */
    public static final Setting<Duration> TLS_RELOAD_INTERVAL = Setting.row("--tls-reload-interval", Syntax.seconds())
            .defaultValue(Duration.ofSeconds(10)).range(Setting.Range.between(Duration.ZERO, Duration.ofDays(1)))
            .help("How often the certificate and key files are checked for a change; 0 means only on SIGHUP.")
            .build();
    /** How long a client has, from its connection, to complete the TLS handshake. */
    public static final Setting<Duration> TLS_HANDSHAKE_TIMEOUT = Setting.row("--tls-handshake-timeout",
            Syntax.seconds()).defaultValue(Duration.ofSeconds(10))
            .range(Setting.Range.between(Duration.ofSeconds(1), Duration.ofHours(1)))
            .help("Time a client has, from its connection, to complete the TLS handshake before it is closed.")
            .build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("TLS", List.of(TLS_PORT, TLS_CERT, TLS_KEY,
            TLS_RELOAD_INTERVAL, TLS_HANDSHAKE_TIMEOUT), Tls::together);

    private Tls() {
    }

    /** A TLS port needs a certificate and key, and a port of its own; they need the port. */
    private static void together(SettingValues values) {
        Integer port = values.get(TLS_PORT);
        boolean files = values.get(TLS_CERT) != null || values.get(TLS_KEY) != null;
        if (port == null) {
            if (files) {
                throw new IllegalArgumentException("--tls-cert and --tls-key need --tls-port");
            }
            return;
        }
        if (port != 0 && port.equals(values.get(Listening.PORT))) {
            throw new IllegalArgumentException("--tls-port must differ from --port: " + port);
        }
        if (values.get(TLS_CERT) == null || values.get(TLS_KEY) == null) {
            throw new IllegalArgumentException("--tls-port needs --tls-cert FILE and --tls-key FILE");
        }
    }
}
