package io.helo.server.config;

import io.helo.codec.IpLiterals;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** The operator's HTTP endpoint: {@code GET /metrics} (Prometheus) and {@code GET /health}. */
public final class Metrics {
    /** The endpoint's port; off unless given. */
    public static final Setting<Integer> METRICS_PORT = Setting.row("--metrics-port", Syntax.port())
            .range(Setting.Range.between(0, 65_535))
            .help("Serve GET /metrics (Prometheus) and GET /health (200 while serving, 503 once shutting down) over"
                    + " HTTP on this port; 0 picks a free one; off unless given.").build();
    /** The endpoint's address: loopback unless the operator says otherwise. */
    public static final Setting<InetAddress> METRICS_BIND = Setting.row("--metrics-bind", Syntax.address())
            .defaultValue(IpLiterals.parse("127.0.0.1").orElseThrow())
            .help("Address of the metrics endpoint (default: ${DEFAULT-VALUE}, loopback only).").build();

    /**
     * How long a client of the endpoint has to send its request head, from its connection: HAProxy's usual
     * {@code timeout http-request 10s}; scrapers and health checkers send theirs at once.
     */
    public static final Setting<Duration> METRICS_HEADER_TIMEOUT = Setting.row("--metrics-header-timeout",
            Syntax.seconds()).defaultValue(Duration.ofSeconds(10))
            .range(Setting.Range.between(Duration.ofSeconds(1), Duration.ofHours(1)))
            .help("Seconds a client of the metrics endpoint has to send its request's headers before it is cut.")
            .build();
    /** Connections to the endpoint open at once; beyond, the oldest is closed to make room. */
    public static final Setting<Integer> METRICS_MAX_CONNECTIONS = Setting.row("--metrics-max-connections",
            Syntax.count("N")).defaultValue(64).range(Setting.Range.between(1, 10_000))
            .help("Connections to the metrics endpoint open at once; a new one beyond closes the oldest, so that a"
                    + " prompt health check is always answered.").build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Metrics and health", List.of(METRICS_PORT,
            METRICS_BIND, METRICS_HEADER_TIMEOUT, METRICS_MAX_CONNECTIONS));

    private Metrics() {
    }
}
