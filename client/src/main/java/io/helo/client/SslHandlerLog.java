package io.helo.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences MINA's TLS log for the command line: its SslHandler logs a handshake that fails in a delegated task (an
 * untrusted or misnamed certificate) at ERROR with a stack trace, and the client already says why in one line.
 */
final class SslHandlerLog {
    private static final String MINA_SSL = "org.apache.mina.filter.ssl";

    private SslHandlerLog() {
    }

    /** Turns MINA's TLS log off, unless a Logback configuration set its level on purpose or Logback is absent. */
    static void silence() {
        // Logback is optional: touch its classes only when it is the binding, and only from Logback.off
        if (LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.")) {
            Logback.off(MINA_SSL);
        }
    }

    /** Loaded only when Logback is there. */
    private static final class Logback {
        static void off(String name) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
                logger.setLevel(Level.OFF);
            }
        }
    }
}
