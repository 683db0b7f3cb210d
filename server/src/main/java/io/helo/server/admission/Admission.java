package io.helo.server.admission;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Decides whether a new connection is served: not once a shutdown has begun, and not over the connection limits.
 * Admitted connections are counted until {@link #release}d.
 */
public final class Admission {
    private final ConnectionLimiter limiter;
    private volatile boolean closed;

    /** Admits at most {@code maxConnections} at once, and {@code maxPerAddress} from one client address. */
    public Admission(int maxConnections, int maxPerAddress) {
        this.limiter = new ConnectionLimiter(maxConnections, maxPerAddress);
    }

    /** Counts a connection from {@code address} and returns empty, or counts nothing and says why it is refused. */
    public Optional<Refusal> admit(InetAddress address) {
        if (closed) {
            return Optional.of(Refusal.SHUTTING_DOWN);
        }
        return Optional.ofNullable(limiter.tryAcquire(address));
    }

    /** Forgets a connection from {@code address} that {@link #admit} admitted. */
    public void release(InetAddress address) {
        limiter.release(address);
    }

    /** From now on every new connection is refused: the server is shutting down. */
    public void close() {
        closed = true;
    }

    /** Admits at most {@code max} connections in all from now on, if that is fewer than before. */
    public void capConnections(int max) {
        limiter.capTotal(max);
    }

    /** The most connections admitted at once. */
    public int maxConnections() {
        return limiter.maxTotal();
    }

    /** Connections admitted and not yet released. */
    public int connections() {
        return limiter.total();
    }

    /** Client addresses with at least one admitted connection. */
    public int addresses() {
        return limiter.addresses();
    }
}
