package io.helo.server.config;

import io.helo.codec.HeloProtocol;
import java.time.Duration;
import java.util.List;

/** How long the server waits for a client, in each way a client can make it wait. */
public final class Timeouts {
    /** Time without a complete request after which the server closes the session. */
    public static final Setting<Duration> IDLE_TIMEOUT = Setting.row("--idle-timeout", Syntax.seconds())
            .defaultValue(Duration.ofSeconds(300)).range(Setting.Range.between(Duration.ofSeconds(1), Duration.ofDays(1)))
            .help("Time without a complete request after which a session is closed.").build();
    /** Time a client with unsent replies may take none of them before it is closed. */
    public static final Setting<Duration> WRITE_TIMEOUT = Setting.row("--write-timeout", Syntax.seconds())
            .defaultValue(Duration.ofSeconds(60)).range(Setting.Range.between(Duration.ofSeconds(1), Duration.ofDays(1)))
            .help("Time a client with unsent replies may take none of them before it is closed.").build();
    /** How long, after its last line, a session waits for the client to close before closing it. */
    public static final Setting<Duration> LINGER_TIMEOUT = Setting.row("--linger-timeout", Syntax.seconds())
            .defaultValue(Duration.ofSeconds(2)).range(Setting.Range.between(Duration.ZERO, Duration.ofHours(1)))
            .help("After a session's last line, time the client has to close before the server does.").build();
    /** Quiet time after which bytes without a line end count as a line (legacy peers); zero: off. */
    public static final Setting<Duration> QUIET_LINE_END = Setting.row("--quiet-line-end", Syntax.millis())
            .defaultValue(HeloProtocol.DEFAULT_QUIET_LINE_END)
            .range(Setting.Range.between(Duration.ZERO, Duration.ofSeconds(10)))
            .help("For peers that send no line ends: bytes followed by this much silence count as a line;"
                    + " 0 turns it off.").build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Timeouts", List.of(IDLE_TIMEOUT, WRITE_TIMEOUT,
            LINGER_TIMEOUT, QUIET_LINE_END));

    private Timeouts() {
    }
}
