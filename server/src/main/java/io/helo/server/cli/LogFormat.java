package io.helo.server.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** {@code --log-format}: text (logback.xml, the default) or JSON lines (logback-json.xml, shipped in the jar). */
enum LogFormat {
    /** One readable line per event. */
    TEXT,
    /** One JSON object per line, with the fields of each connection's last line. */
    JSON;

    /** Loads this format's configuration in place of the one Logback started with; nothing to do for text. */
    void apply() {
        if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
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
}
