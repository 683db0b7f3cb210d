package io.helo.server.ops;

import io.helo.server.ServerCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a summary of the counters as one INFO line, for operators who read logs rather than JMX. */
public final class StatsLog {
    private static final Logger LOG = LoggerFactory.getLogger(StatsLog.class);

    private StatsLog() {
    }

    /**
     * Logs one summary line of {@code counters}.
     *
     * @param counters the counters to summarise
     */
    public static void log(ServerCounters counters) {
        LOG.info("stats: connections {} now, {} total, {} refused; requests {}; errors {}; bytes in {}, out {},"
                        + " held {}; log lines dropped {}", counters.currentConnections(), counters.totalConnections(),
                Counters.sum(counters.refusedByReason()), counters.requests(),
                Counters.sum(counters.errorsByReason()), counters.bytesIn(), counters.bytesOut(),
                counters.heldBytes(), counters.logLinesDropped());
    }
}
