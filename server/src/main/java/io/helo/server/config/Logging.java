package io.helo.server.config;

import java.time.Duration;
import java.util.List;

/**
 * What the server logs. {@link #VERBOSE} and {@link #LOG_FORMAT} are the command line's: it sets up Logback with them
 * before the server starts; an application that embeds the server logs as its own logging is set up.
 */
public final class Logging {
    /** Every request and reply at DEBUG. */
    public static final Setting<Boolean> VERBOSE = Setting.row("--verbose", Syntax.flag()).shortName("-v")
            .defaultValue(false).defaultText("off").help("Log every request and reply (DEBUG).").build();
    /** One readable line per event, or one JSON object. */
    public static final Setting<Format> LOG_FORMAT = Setting.row("--log-format",
            Syntax.choice("--log-format", Format.class)).defaultValue(Format.TEXT)
            .help("text (the default) or json: one JSON object per line (logstash-logback-encoder's fields), with"
                    + " the facts of each connection's last line as fields.").build();
    /** Per-connection log lines a second, beyond which they are only counted; zero: no limit. */
    public static final Setting<Integer> LOG_RATE = Setting.row("--log-rate", Syntax.count("LINES"))
            .defaultValue(100).range(Setting.Range.between(0, 1_000_000))
            .help("Per-connection log lines a second; more are counted and summarised once a second;"
                    + " 0 means no limit.").build();
    /** How often a summary of the counters is logged at INFO; zero: never. */
    public static final Setting<Duration> STATS_INTERVAL = Setting.row("--stats-interval", Syntax.seconds())
            .defaultValue(Duration.ZERO).defaultText("`0` (off)")
            .range(Setting.Range.between(Duration.ZERO, Duration.ofDays(1)))
            .help("Log a summary of the counters at INFO this often; 0 means never. The counters are always"
                    + " readable over JMX as io.helo:type=HeloServer,port=PORT.").build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Logging", List.of(VERBOSE, LOG_FORMAT, LOG_RATE,
            STATS_INTERVAL));

    private Logging() {
    }

    /** The form of the log's lines. */
    public enum Format {
        /** One readable line per event (logback.xml). */
        TEXT,
        /** One JSON object per line, with the fields of each connection's last line (logback-json.xml). */
        JSON
    }
}
