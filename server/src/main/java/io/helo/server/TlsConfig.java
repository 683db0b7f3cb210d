package io.helo.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and with what certificate a {@link HeloServer} serves the protocol inside TLS (implicit TLS: the handshake
 * first, then the same lines as on the plaintext port).
 *
 * @param bindAddresses where to listen for TLS clients; port 0 picks a free port
 * @param certificateFile the PEM certificate chain, leaf first (certbot's {@code fullchain.pem})
 * @param keyFile the PEM private key, unencrypted (certbot's {@code privkey.pem})
 * @param reloadInterval how often the two files are checked for a change, which is loaded for new connections;
 *     zero: only when asked (SIGHUP)
 * @param handshakeTimeout how long a client has, from its connection, to complete the TLS handshake
 */
public record TlsConfig(List<InetSocketAddress> bindAddresses, Path certificateFile, Path keyFile,
        Duration reloadInterval, Duration handshakeTimeout) {
    /** How often the certificate files are checked for a change, by default. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);
    /** How long a client has to complete the TLS handshake, by default. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * TLS with the default handshake timeout.
     *
     * @param bindAddresses where to listen for TLS clients
     * @param certificateFile the PEM certificate chain
     * @param keyFile the PEM private key
     * @param reloadInterval how often the files are checked for a change; zero: never
     */
    public TlsConfig(List<InetSocketAddress> bindAddresses, Path certificateFile, Path keyFile,
            Duration reloadInterval) {
        this(bindAddresses, certificateFile, keyFile, reloadInterval, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * Checks the values; the message names the command line option they come from.
     *
     * @param bindAddresses where to listen for TLS clients
     * @param certificateFile the PEM certificate chain
     * @param keyFile the PEM private key
     * @param reloadInterval how often the files are checked for a change; zero: never
     * @param handshakeTimeout how long a client has to complete the TLS handshake
     * @throws IllegalArgumentException if a value is out of its range
     */
    public TlsConfig {
        bindAddresses = List.copyOf(bindAddresses);
        Limits.require(!bindAddresses.isEmpty(), "at least one TLS bind address is needed");
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Limits.duration("--tls-reload-interval", reloadInterval, Duration.ZERO, Duration.ofDays(1));
        Limits.duration("--tls-handshake-timeout", handshakeTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
    }
}
