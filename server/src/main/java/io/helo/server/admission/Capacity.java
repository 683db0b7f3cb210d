package io.helo.server.admission;

import io.helo.server.config.Connections;
import io.helo.server.config.Limits;
import io.helo.server.config.Tls;
import io.helo.server.ServerConfig;
import io.helo.server.transport.FileDescriptors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the process can hold, checked at start-up against the limits: no more connections than it may open file
 * descriptors for (the rest get {@code busy}), and a warning if the limits let clients hold more than the heap.
 */
public final class Capacity {
    private static final Logger LOG = LoggerFactory.getLogger(Capacity.class);
    /** Descriptors kept for what is not a connection (log files, JMX, a spare) when capping to the open-file limit. */
    private static final long DESCRIPTORS_KEPT = 64;
    /** What a connection costs the heap besides the octets it holds: MINA's session and the server's state. */
    private static final long CONNECTION_COST = 8 * 1024;
    /**
     * What a TLS connection that reads none of its replies holds beyond that, measured (docs/PERFORMANCE.md, TLS):
     * MINA's TLS filter keeps up to six encrypted writes of up to two TLS packets each, a partial record, and the
     * engine's state.
     */
    private static final long TLS_CONNECTION_COST = 200 * 1024;

    private Capacity() {
    }

    /**
     * Caps {@code admission} to the open-file limit, and says so, and whether the heap holds the limits.
     *
     * @param config the configured limits
     * @param admission the admission to cap
     */
    public static void check(ServerConfig config, Admission admission) {
        FileDescriptors.available().ifPresent(available -> {
            long possible = Math.max(1, available - DESCRIPTORS_KEPT);
            if (possible < config.get(Connections.MAX_CONNECTIONS)) {
                admission.capConnections((int) possible);
                LOG.warn("--max-connections {} is more than the open-file limit allows ({} descriptors, {} free):"
                        + " serving at most {} connections, the rest get ERR busy; raise the limit (ulimit -n,"
                        + " LimitNOFILE=) or lower --max-connections", config.get(Connections.MAX_CONNECTIONS),
                        FileDescriptors.limit().orElse(-1), available, possible);
            }
        });
        long perConnection = 2L * config.get(Limits.MAX_READ) + config.get(Limits.MAX_LINE_LENGTH) + CONNECTION_COST
                + (config.get(Tls.TLS_PORT) == null ? 0 : TLS_CONNECTION_COST);
        long worst = admission.maxConnections() * perConnection + config.get(Limits.MAX_HELD_BYTES);
        long heap = Runtime.getRuntime().maxMemory();
        if (worst > heap) {
            LOG.warn("the limits let clients make the server hold up to {} MiB, more than its heap of {} MiB:"
                    + " lower --max-connections or --max-held-bytes, or raise -Xmx", worst >> 20, heap >> 20);
        }
    }
}
