package io.helo.server.admission;

import io.helo.server.Health;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides whether a new connection is served: not once a shutdown has begun (the server's {@link Health} says), and
 * not over the connection limits. Admitted connections are counted until {@link #release}d.
 */
public final class Admission {
    private final ConnectionLimiter limiter;
    private final Supplier<Health> health;

    /**
     * Admits at most {@code maxConnections} at once, and {@code maxPerAddress} from one client address.
     *
     * @param maxConnections the most connections admitted at once
     * @param maxPerAddress the most connections admitted at once from one client address
     * @param health the server's health, which says when a shutdown has begun
     */
    public Admission(int maxConnections, int maxPerAddress, Supplier<Health> health) {
        this.limiter = new ConnectionLimiter(maxConnections, maxPerAddress);
        this.health = health;
    }

    /**
     * Counts a connection from {@code address} and returns empty, or counts nothing and says why it is refused; while
     * draining, a balancer's own connection (its health check) is refused.
     *
     * @param address the client's address
     * @param balancerCheck true for a connection a trusted proxy opened for itself (PROXY protocol LOCAL)
     * @return empty if the connection is admitted, else the reason it is refused
     */
    public Optional<Refusal> admit(InetAddress address, boolean balancerCheck) {
        Health now = health.get();
        if (now == Health.CLOSING || now == Health.STOPPED || (now == Health.DRAINING && balancerCheck)) {
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
