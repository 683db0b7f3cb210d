package io.helo.server.admission;

import io.helo.server.Health;
import io.helo.server.ServerConfig;
import io.helo.server.config.Connections;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a new connection is served: not once a shutdown has begun (the server's {@link Health} says), not
 * over the connection limits, and not from a client connecting more often than the rate limit allows. A client is
 * its network as {@link ClientGroups} has it. Admitted connections are counted until {@link #release}d.
 */
public final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    /** The rate limit's refusals are summarised in one WARN line at most this often, never one line each. */
    private static final long REPORT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ConnectionLimiter limiter;
    private final ClientGroups groups;
    private final ConnectionRate rate;
    private final Supplier<Health> health;
    private final String rateLimit;
    private final LongAdder rateRefusals = new LongAdder();
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos - REPORT_EVERY_NANOS;
    private long evictedReported;
    private long lastEvictionReportNanos = startNanos - REPORT_EVERY_NANOS;

    /**
     * Admits at most {@code --max-connections} at once, {@code --max-connections-per-ip} from one client, and
     * {@code --max-connection-rate} new ones from a client per window, clients grouped by the prefix options.
     *
     * @param config the connection limits
     * @param health the server's health, which says when a shutdown has begun
     */
    public Admission(ServerConfig config, Supplier<Health> health) {
        this.limiter = new ConnectionLimiter(config.get(Connections.MAX_CONNECTIONS),
                config.get(Connections.MAX_CONNECTIONS_PER_IP));
        this.groups = new ClientGroups(config.get(Connections.CLIENT_PREFIX_V4),
                config.get(Connections.CLIENT_PREFIX_V6), config.get(Connections.CLIENT_LIMIT_EXEMPT));
        this.rate = new ConnectionRate(config.get(Connections.MAX_CONNECTION_RATE),
                config.get(Connections.CONNECTION_RATE_WINDOW).toNanos(), config.get(Connections.CONNECTION_RATE_CLIENTS));
        this.rateLimit = config.get(Connections.MAX_CONNECTION_RATE) + " per "
                + config.get(Connections.CONNECTION_RATE_WINDOW).toSeconds() + " s";
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
        InetAddress group = groups.groupOf(address);
        if (group != null && !rate.tryAcquire(group, System.nanoTime())) {
            rateRefusals.increment();
            return Optional.of(Refusal.CONNECTION_RATE);
        }
        return Optional.ofNullable(limiter.tryAcquire(group));
    }

    /**
     * Forgets a connection from {@code address} that {@link #admit} admitted.
     *
     * @param address the client's address, as given to {@link #admit}
     */
    public void release(InetAddress address) {
        limiter.release(groups.groupOf(address));
    }

    /**
     * The periodic chore (once a second): forgets the rate of clients that stopped connecting, and says in one WARN
     * line, at most once a minute, how many connections the rate limit refused and whose the most; and in another
     * how many clients the full table forgot.
     */
    public void sweep() {
        long now = System.nanoTime();
        rate.forgetIdle(now);
        long refused = rateRefusals.sum();
        if (refused > 0 && now - lastReportNanos >= REPORT_EVERY_NANOS) {
            rateRefusals.add(-refused);
            ConnectionRate.Busiest busiest = rate.busiest();
            LOG.warn("refused {} connection(s) over --max-connection-rate {} in the last {} s{}", refused, rateLimit,
                    Math.max(1, TimeUnit.NANOSECONDS.toSeconds(now - Math.max(lastReportNanos, startNanos))),
                    busiest.group() == null ? "" : "; most from " + groups.describe(busiest.group()) + " ("
                            + busiest.refused() + ")");
            lastReportNanos = now;
        }
        long evicted = rate.evicted();
        if (evicted > evictedReported && now - lastEvictionReportNanos >= REPORT_EVERY_NANOS) {
            LOG.warn("the connection-rate table was full: forgot {} client(s) that connected least recently in the"
                    + " last {} s (--connection-rate-clients {})", evicted - evictedReported,
                    Math.max(1, TimeUnit.NANOSECONDS.toSeconds(now - Math.max(lastEvictionReportNanos, startNanos))),
                    rate.capacity());
            evictedReported = evicted;
            lastEvictionReportNanos = now;
        }
    }

    /**
     * Clients the connection-rate table forgot because it was full.
     *
     * @return how many so far
     */
    public long rateClientsEvicted() {
        return rate.evicted();
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
     * Clients (addresses, or networks as the prefix options group them; exempt ones aside) with at least one admitted
     * connection.
     *
     * @return the number of clients counted now
     */
    public int addresses() {
        return limiter.clients();
    }
}
