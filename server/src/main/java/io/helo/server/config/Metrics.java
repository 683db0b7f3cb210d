package io.helo.server.config;

import io.helo.codec.IpLiterals;
import java.net.InetAddress;
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

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Metrics and health", List.of(METRICS_PORT,
            METRICS_BIND));

    private Metrics() {
    }
}
