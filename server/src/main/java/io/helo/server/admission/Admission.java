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
    private volatile boolean draining;

    /**
     * Admits at most {@code maxConnections} at once, and {@code maxPerAddress} from one client address.
     *
     * @param maxConnections the most connections admitted at once
     * @param maxPerAddress the most connections admitted at once from one client address
     */
    public Admission(int maxConnections, int maxPerAddress) {
        this.limiter = new ConnectionLimiter(maxConnections, maxPerAddress);
    }

    /**
     * Counts a connection from {@code address} and returns empty, or counts nothing and says why it is refused.
     *
     * @param address the client's address
     * @return empty if the connection is admitted, else the reason it is refused
     */
    public Optional<Refusal> admit(InetAddress address) {
        return admit(address, false);
    }

    /**
     * As {@link #admit(InetAddress)}; while draining, a balancer's own connection (its health check) is refused.
     *
     * @param address the client's address
     * @param balancerCheck true for a connection a trusted proxy opened for itself (PROXY protocol LOCAL)
     * @return empty if the connection is admitted, else the reason it is refused
     */
    public Optional<Refusal> admit(InetAddress address, boolean balancerCheck) {
        if (closed || (draining && balancerCheck)) {
            return Optional.of(Refusal.SHUTTING_DOWN);
        }
        return Optional.ofNullable(limiter.tryAcquire(address));
    }

    /**
     * Forgets a connection from {@code address} that {@link #admit} admitted.
     *
     * @param address the client's address, as given to {@link #admit}
     */
    public void release(InetAddress address) {
        limiter.release(address);
    }

    /** Starts a graceful drain: clients are still admitted, a balancer's health checks no longer are. */
    public void drain() {
        draining = true;
    }

    /** From now on every new connection is refused: the server is shutting down. */
    public void close() {
        closed = true;
    }

    /**
     * Admits at most {@code max} connections in all from now on, if that is fewer than before.
     *
     * @param max the new limit on connections in all
     */
    public void capConnections(int max) {
        limiter.capTotal(max);
    }

    /**
     * The most connections admitted at once.
     *
     * @return the limit on connections in all
     */
    public int maxConnections() {
        return limiter.maxTotal();
    }

    /**
     * Connections admitted and not yet released.
     *
     * @return the number of connections counted now
     */
    public int connections() {
        return limiter.total();
    }

    /**
     * Client addresses with at least one admitted connection.
     *
     * @return the number of client addresses counted now
     */
    public int addresses() {
        return limiter.addresses();
    }
}
