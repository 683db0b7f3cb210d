package io.helo.server.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Writes out what the asynchronous appenders still hold before the JVM exits. Their worker is a daemon thread:
 * without this, {@code System.exit} may end it with the last lines, the "stopped" summary among them, unwritten.
 */
final class LogFlush {
    private LogFlush() {
    }

    /** Stops the current Logback configuration, waiting for each queue to drain (at most 1 s per appender). */
    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            flush(context);
        }
    }

    /** Stops {@code context}: an AsyncAppender's stop waits up to its maxFlushTime for its worker to finish. */
    static void flush(LoggerContext context) {
        context.stop(); // idempotent: main and the shutdown hook may both get here
    }
}
