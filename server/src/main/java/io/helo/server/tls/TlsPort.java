package io.helo.server.tls;

import io.helo.server.ServerConfig;
import io.helo.server.config.Timeouts;
import io.helo.server.config.Tls;
import io.helo.server.ops.FatalErrors;
import io.helo.server.session.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.session.IoSession;

/**
 * The server's TLS listeners on the acceptor they share with the plaintext ones: which sessions came to them (they
 * get the {@link TlsGate}), the certificate they serve, and its reload.
 */
public final class TlsPort {
    private final List<InetSocketAddress> addresses;
    private final Duration reloadInterval;
    private final long handshakeTimeoutMillis;
    private final TlsCertificates certificates;
    private final ScheduledExecutorService timer;
    private final long silenceMillis;
    private volatile List<InetSocketAddress> listeners;

    private TlsPort(ServerConfig config, TlsCertificates certificates, ScheduledExecutorService timer) {
        this.addresses = config.tlsAddresses();
        this.reloadInterval = config.get(Tls.TLS_RELOAD_INTERVAL);
        this.handshakeTimeoutMillis = config.get(Tls.TLS_HANDSHAKE_TIMEOUT).toMillis();
        this.certificates = certificates;
        this.timer = timer;
        this.silenceMillis = Math.max(1, config.get(Timeouts.LINGER_TIMEOUT).toMillis());
        this.listeners = addresses; // a fixed port is known before the bind: no client slips through
    }

    /**
     * Reads the certificate and key of {@code config}.
     *
     * @param config where to listen, the certificate files, and how long a session may stay silent at the TLS port
     *     after a line (the linger timeout)
     * @param timer polls the files, and closes sessions that stay silent at the TLS port after a line
     * @return the TLS port, not yet bound
     * @throws IllegalArgumentException if the certificate or key cannot serve, saying which file and why
     */
    public static TlsPort load(ServerConfig config, ScheduledExecutorService timer) {
        try {
            return new TlsPort(config, TlsCertificates.load(config.get(Tls.TLS_CERT), config.get(Tls.TLS_KEY)), timer);
        } catch (CertificateProblem e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (NoClassDefFoundError e) { // an optional dependency for embedders; the server jar has it
            throw new IllegalArgumentException("TLS needs org.bouncycastle:bcpkix-jdk18on on the class path", e);
        }
    }

    /**
     * Adds a gate of its own to the chain of a session that came to a TLS listener: where it is decided, once, that
     * the connection is a TLS port's.
     *
     * @param chain a new session's chain
     */
    public void addTo(IoFilterChain chain) {
        InetSocketAddress local = (InetSocketAddress) chain.getSession().getLocalAddress();
        for (InetSocketAddress listener : listeners) {
            if (listener.getPort() == local.getPort()
                    && (listener.getAddress().isAnyLocalAddress() || listener.getAddress().equals(local.getAddress()))) {
                TlsSession tls = new TlsSession(timer, silenceMillis, handshakeTimeoutMillis);
                chain.addLast(TlsGate.NAME, new TlsGate(certificates, tls));
                return;
            }
        }
    }

    /**
     * What the port of {@code session} changes for it.
     *
     * @param session a session whose chain was built
     * @return its TLS port's state, or {@link Transport#PLAINTEXT}
     */
    public static Transport transportOf(IoSession session) {
        TlsSession tls = TlsGate.of(session);
        return tls == null ? Transport.PLAINTEXT : tls;
    }

    /**
     * The TLS addresses were bound: sessions there are the TLS port's from now on, and the files are polled.
     *
     * @param bound the TLS addresses, as bound, with their real ports
     */
    public void listening(List<InetSocketAddress> bound) {
        listeners = List.copyOf(bound);
        if (!reloadInterval.isZero()) {
            long millis = reloadInterval.toMillis();
            timer.scheduleWithFixedDelay(FatalErrors.guard(certificates::reloadIfChanged), millis, millis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The TLS listeners' addresses: with their real ports once bound.
     *
     * @return the addresses
     */
    public List<InetSocketAddress> addresses() {
        return listeners;
    }

    /** Reloads the certificate and key now, for new connections; logs the outcome. */
    public void reload() {
        certificates.reloadNow();
    }

    /**
     * When the certificate in use expires.
     *
     * @return its notAfter instant
     */
    public Instant expiry() {
        return certificates.expiry();
    }
}
