package io.helo.conformance;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * How far a batch is, on the standard error: on a terminal one line rewritten as submissions are graded (done/total,
 * elapsed, time left); elsewhere (a log, CI) one line per submission graded, and nothing else.
 */
final class BatchProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private final int total;
    private final long start = System.nanoTime();
    private int done;

    BatchProgress(PrintWriter err, boolean terminal, int total) {
        this.err = err;
        this.terminal = terminal;
        this.total = total;
    }

    /** Says that {@code graded} is done, after {@code millis}. */
    synchronized void graded(Graded graded, long millis) {
        done++;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration left = elapsed.multipliedBy(total - done).dividedBy(done);
        String counts = "[" + done + "/" + total + "] " + clock(elapsed) + " elapsed, about " + clock(left) + " left";
        if (terminal) {
            err.print("\r\033[K" + counts + " (" + Show.name(graded.name()) + ": " + (graded.failed() ? "fails"
                    : "conforms") + ")" + (done == total ? "\n" : ""));
        } else {
            err.println(ConformanceMain.name() + ": " + counts + ": " + Show.name(graded.name()) + " graded in "
                    + String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0) + " s");
        }
        err.flush();
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s" : seconds + "s";
    }
}
