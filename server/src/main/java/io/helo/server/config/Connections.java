package io.helo.server.config;

import java.util.List;

/** Which connections are served: how many at once, in all and from one client. */
public final class Connections {
    /** Connections served at once; more are told the server is busy. */
    public static final Setting<Integer> MAX_CONNECTIONS = Setting.row("--max-connections", Syntax.count("N"))
            .defaultValue(10_000).range(Setting.Range.between(1, 1_000_000))
            .help("Connections served at once; more are told the server is busy.").build();
    /** Connections served at once from one client IP address. */
    public static final Setting<Integer> MAX_CONNECTIONS_PER_IP = Setting.row("--max-connections-per-ip",
            Syntax.count("N")).defaultValue(100).range(Setting.Range.between(1, 1_000_000))
            .help("Connections served at once from one client IP address.").build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Connections",
            List.of(MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP));

    private Connections() {
    }
}
