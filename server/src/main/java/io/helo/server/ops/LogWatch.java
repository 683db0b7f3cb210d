package io.helo.server.ops;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the log once a second: summarises the connection lines over the rate, and warns (at most once a
 * minute) when the log output does not keep up and lines are dropped.
 */
public final class LogWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogWatch.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final LogRate rate;
    private long droppedBefore;
    private long lastWarningNanos = System.nanoTime() - WARN_EVERY_NANOS;

    /**
     * Watches the lines {@code rate} lets through, and the log's dropped lines.
     *
     * @param rate the rate whose suppressed lines are summarised each run
     */
    public LogWatch(LogRate rate) {
        this.rate = rate;
    }

    @Override
    public void run() {
        rate.summarise();
        long now = System.nanoTime();
        if (now - lastWarningNanos >= WARN_EVERY_NANOS) {
            long dropped = DroppedLogLines.dropped();
            if (dropped > droppedBefore) {
                LOG.warn("{} log lines dropped: the log output is not keeping up (the server does not wait for it)",
                        dropped - droppedBefore);
                droppedBefore = dropped;
                lastWarningNanos = now;
            }
        }
    }
}
