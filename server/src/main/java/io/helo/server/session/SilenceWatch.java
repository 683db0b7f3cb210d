package io.helo.server.session;

import io.helo.server.ops.FatalErrors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The quiet period of one connection (PROTOCOL.md 2.1): after a read that left a line without line end, waits until
 * the peer has been silent for the period, then asks the input to answer that line. One timer task at most. Used
 * under the connection's lock.
 */
final class SilenceWatch {
    private final Input input;
    private final ScheduledExecutorService timer;
    private final long quietNanos;
    /** When octets last arrived while a line waits for its line end. */
    private long lastOctetsNanos;
    /** The pending check, if any. */
    private ScheduledFuture<?> check;

    SilenceWatch(Input input, ScheduledExecutorService timer, long quietNanos) {
        this.input = input;
        this.timer = timer;
        this.quietNanos = quietNanos;
    }

    /** A line waits for its line end, after octets that just arrived: starts (or restarts) the wait for silence. */
    void watch() {
        lastOctetsNanos = System.nanoTime();
        if (check == null) {
            checkIn(quietNanos);
        }
    }

    private void checkIn(long nanos) {
        check = timer.schedule(FatalErrors.guard(input::silenceDue), nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The check is due (under the connection's lock): true if the peer has been silent for the whole period;
     * otherwise, if {@code stillWaiting}, checks again when it could be. {@code heard}: the peer may not be silent
     * (we do not read it, or its octets wait unread).
     */
    boolean silentNow(boolean stillWaiting, boolean heard) {
        check = null;
        if (!stillWaiting) {
            return false;
        }
        long silentFor = System.nanoTime() - lastOctetsNanos;
        if (heard) {
            checkIn(quietNanos);
        } else if (silentFor < quietNanos) {
            checkIn(quietNanos - silentFor);
        } else {
            return true;
        }
        return false;
    }
}
