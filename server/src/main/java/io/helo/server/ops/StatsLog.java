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
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long open = Measures.OPEN_CONNECTIONS.sum(counters);
        long connections = Measures.CONNECTIONS.sum(counters);
        long refused = Measures.REFUSED.sum(counters);
        long requests = Measures.REQUESTS.sum(counters);
        long errors = Measures.ERRORS.sum(counters);
        long received = Measures.RECEIVED.sum(counters);
        long sent = Measures.SENT.sum(counters);
        long held = Measures.HELD.sum(counters);
        long dropped = Measures.LOG_LINES_DROPPED.sum(counters);
        // the same facts as fields, for structured (JSON) logs; a text pattern shows only the message
        LOG.atInfo().setMessage("stats: connections {} now, {} total, {} refused; requests {}; errors {}; bytes in {},"
                        + " out {}, held {}; log lines dropped {}")
                .addArgument(open).addArgument(connections).addArgument(refused).addArgument(requests)
                .addArgument(errors).addArgument(received).addArgument(sent).addArgument(held).addArgument(dropped)
                .addKeyValue("connectionsOpen", open).addKeyValue("connections", connections)
                .addKeyValue("refused", refused).addKeyValue("requests", requests).addKeyValue("errors", errors)
                .addKeyValue("bytesIn", received).addKeyValue("bytesOut", sent).addKeyValue("bytesHeld", held)
                .addKeyValue("logLinesDropped", dropped).log();
    }
}
