package io.helo.server.config;

import java.time.Duration;
import java.util.List;

/** How the server stops: a grace for its balancer, then a drain of the connections in progress. */
public final class Shutdown {
    /** How long a shutdown goes on serving, failing a balancer's health checks, before it stops accepting. */
    public static final Setting<Duration> DRAIN_GRACE = Setting.row("--drain-grace", Syntax.seconds())
            .defaultValue(Duration.ZERO).range(Setting.Range.between(Duration.ZERO, Duration.ofHours(1)))
            .help("On SIGTERM or Ctrl-C, time the server goes on serving while failing its balancer's health"
                    + " checks (and /health), before it stops accepting: for rolling restarts behind a balancer.")
            .build();
    /** How long a shutdown waits for connections to close by themselves. */
    public static final Setting<Duration> DRAIN_TIMEOUT = Setting.row("--drain-timeout", Syntax.seconds())
            .defaultValue(Duration.ofSeconds(10)).range(Setting.Range.between(Duration.ZERO, Duration.ofDays(1)))
            .help("On SIGTERM or Ctrl-C, time given to connections to close before they are cut.").build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Shutdown", List.of(DRAIN_GRACE, DRAIN_TIMEOUT));

    private Shutdown() {
    }
}
