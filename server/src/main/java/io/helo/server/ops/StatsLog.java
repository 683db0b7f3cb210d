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
     * Logs one summary line of {@code counters}: a measure with parts (requests by command) as their sum.
     *
     * @param counters the counters to summarise
     */
    public static void log(ServerCounters counters) {
        LOG.info("stats: connections {} now, {} total, {} refused; requests {}; errors {}; bytes in {}, out {},"
                        + " held {}; log lines dropped {}", Measures.OPEN_CONNECTIONS.sum(counters),
                Measures.CONNECTIONS.sum(counters), Measures.REFUSED.sum(counters), Measures.REQUESTS.sum(counters),
                Measures.ERRORS.sum(counters), Measures.RECEIVED.sum(counters), Measures.SENT.sum(counters),
                Measures.HELD.sum(counters), Measures.LOG_LINES_DROPPED.sum(counters));
    }
}
