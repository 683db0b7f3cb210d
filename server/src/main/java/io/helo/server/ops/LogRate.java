package io.helo.server.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most so many per-connection lines a second: under a flood of connections the log neither floods the disk
 * nor costs the server its time. Lines over the rate are counted, and summarised in one line a second.
 */
public final class LogRate {
    private static final Logger LOG = LoggerFactory.getLogger(LogRate.class);

    private final int perSecond;
    private long second = Long.MIN_VALUE;
    private int used;
    private long suppressed;

    /**
     * Allows {@code perSecond} lines a second; zero allows every line.
     *
     * @param perSecond the lines allowed a second; zero: no limit
     */
    public LogRate(int perSecond) {
        this.perSecond = perSecond;
    }

    /**
     * True if one more line may be logged now; otherwise it is counted as suppressed.
     *
     * @return true if the line may be logged, false if it is to be left out
     */
    public synchronized boolean tryAcquire() {
        if (perSecond == 0) {
            return true;
        }
        long now = System.nanoTime() / 1_000_000_000L;
        if (now != second) {
            second = now;
            used = 0;
        }
        if (used < perSecond) {
            used++;
            return true;
        }
        suppressed++;
        return false;
    }

    /** Logs how many lines were suppressed since the last call, if any. */
    public void summarise() {
        long count;
        synchronized (this) {
            count = suppressed;
            suppressed = 0;
        }
        if (count > 0) {
            LOG.info("{} more connections ended; not logged one by one (more than {} a second, --log-rate)",
                    count, perSecond);
        }
    }
}
