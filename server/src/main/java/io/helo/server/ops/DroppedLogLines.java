package io.helo.server.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The count of log lines dropped rather than make the thread that logged them wait for the log output. On every
 * Logback {@code AsyncAppender} of the configuration, the dropping is done, and counted exactly, by a filter put
 * first on it ({@code AsyncAppenderTurnAway}): on a queue nearly full when the appender never blocks, and under its
 * discarding threshold. With no such appender, or with another SLF4J binding (an embedding application's),
 * nothing is ever counted as dropped. Logback itself is touched only by {@link #install()}, so the server runs
 * without it.
 */
public final class DroppedLogLines {
    private static final List<LongSupplier> COUNTED = new ArrayList<>();

    private DroppedLogLines() {
    }

    /** Starts counting, from zero, on every asynchronous appender of the current Logback configuration, if any. */
    public static synchronized void install() {
        COUNTED.clear(); // a configuration loaded again has new appenders
        if (logbackPresent()) {
            COUNTED.addAll(AsyncAppenderTurnAway.countAsyncAppenders());
        }
    }

    /**
     * Log events dropped since counting began.
     *
     * @return the number of events the asynchronous appenders did not deliver, 0 if none are counted
     */
    public static synchronized long dropped() {
        return COUNTED.stream().mapToLong(LongSupplier::getAsLong).sum();
    }

    private static boolean logbackPresent() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, DroppedLogLines.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
