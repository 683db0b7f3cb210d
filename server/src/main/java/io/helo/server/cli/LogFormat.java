package io.helo.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.helo.server.config.Logging;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * The command line's logging settings applied to Logback: {@code --log-format} text (logback.xml, the default) or
 * JSON lines (logback-json.xml, shipped in the jar), and {@code --verbose}.
 */
final class LogFormat {
    private LogFormat() {
    }

    /** Loads the configuration of {@code format} in place of the one Logback started with; nothing to do for text. */
    static void apply(Logging.Format format) {
        if (format == Logging.Format.TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL json = LogFormat.class.getResource("/logback-json.xml");
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(json);
        } catch (JoranException e) {
            throw new IllegalStateException("logback-json.xml in the jar is broken", e);
        }
    }

    /** Logs every request and reply: DEBUG for the server's loggers (the level can only be set on Logback's own). */
    static void verbose() {
        ((Logger) LoggerFactory.getLogger("io.helo")).setLevel(Level.DEBUG);
    }
}
