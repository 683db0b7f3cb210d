package io.helo.server.config;

import io.helo.server.Cidr;
import java.time.Duration;
import java.util.List;

/**
 * Which connections are served: how many at once, in all and from one client, and how often one client may connect.
 * A client is its network, as the prefix lengths group addresses: one IPv4 address, one IPv6 /64 by default (every
 * home line has a /64 of its own, and with it 2^64 addresses).
 */
public final class Connections {
    /** Connections served at once; more are told the server is busy. */
    public static final Setting<Integer> MAX_CONNECTIONS = Setting.row("--max-connections", Syntax.count("N"))
            .defaultValue(10_000).range(Setting.Range.between(1, 1_000_000))
            .help("Connections served at once; more are told the server is busy.").build();
    /** Connections served at once from one client (its address, or its network as the prefix lengths say). */
    public static final Setting<Integer> MAX_CONNECTIONS_PER_IP = Setting.row("--max-connections-per-ip",
            Syntax.count("N")).defaultValue(100).range(Setting.Range.between(1, 1_000_000))
            .help("Connections served at once from one client: one IPv4 address, one IPv6 /64 (see the prefix"
                    + " options).").build();
    /**
     * Connections one client may open per rate window; more are refused with {@code rate-limited}. Like Postfix's
     * {@code smtpd_client_connection_rate_limit} (commonly 60 a minute for mail, whose sessions are long), but for
     * sessions of a few milliseconds: 10 a second on average, bursts of 100, far above a person or a monitor, far
     * below a flood.
     */
    public static final Setting<Integer> MAX_CONNECTION_RATE = Setting.row("--max-connection-rate",
            Syntax.count("N")).defaultValue(100).range(Setting.Range.between(0, 1_000_000))
            .help("New connections one client may open per --connection-rate-window; more get ERR rate-limited;"
                    + " 0: no limit.").build();
    /** The window the connection rate is measured over, as HAProxy's {@code conn_rate(10s)}. */
    public static final Setting<Duration> CONNECTION_RATE_WINDOW = Setting.row("--connection-rate-window",
            Syntax.seconds()).defaultValue(Duration.ofSeconds(10))
            .range(Setting.Range.between(Duration.ofSeconds(1), Duration.ofHours(1)))
            .help("Seconds over which --max-connection-rate counts a client's connections (a sliding window).")
            .build();
    /** How many clients the connection rate is remembered for at most, as HAProxy's stick-table {@code size}. */
    public static final Setting<Integer> CONNECTION_RATE_CLIENTS = Setting.row("--connection-rate-clients",
            Syntax.count("N")).defaultValue(100_000).range(Setting.Range.between(16, 10_000_000))
            .help("Clients (networks, as the prefix options group them) whose connection rate is remembered at once;"
                    + " when full, those that connected least recently are forgotten first (about 200 bytes each).")
            .build();
    /** How many leading bits of an IPv4 address make one client for the per-client limits. */
    public static final Setting<Integer> CLIENT_PREFIX_V4 = Setting.row("--client-prefix-v4", Syntax.count("BITS"))
            .defaultValue(32).range(Setting.Range.between(1, 32))
            .help("IPv4 addresses sharing this many leading bits count as one client for the per-client limits.")
            .build();
    /** How many leading bits of an IPv6 address make one client for the per-client limits. */
    public static final Setting<Integer> CLIENT_PREFIX_V6 = Setting.row("--client-prefix-v6", Syntax.count("BITS"))
            .defaultValue(64).range(Setting.Range.between(1, 128))
            .help("IPv6 addresses sharing this many leading bits (a /64: one home line) count as one client for the"
                    + " per-client limits.").build();
    /** Clients no per-client limit applies to, such as a balancer's health checker. */
    public static final Setting<List<Cidr>> CLIENT_LIMIT_EXEMPT = Setting.row("--client-limit-exempt",
            Syntax.ranges()).defaultValue(List.of()).defaultText("none")
            .help("Client address or range (repeatable) that the per-client limits (--max-connections-per-ip,"
                    + " --max-connection-rate) do not apply to, e.g. a health checker; --max-connections still does.")
            .build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Connections",
            List.of(MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP, MAX_CONNECTION_RATE, CONNECTION_RATE_WINDOW,
                    CONNECTION_RATE_CLIENTS,
                    CLIENT_PREFIX_V4, CLIENT_PREFIX_V6, CLIENT_LIMIT_EXEMPT));

    private Connections() {
    }
}
