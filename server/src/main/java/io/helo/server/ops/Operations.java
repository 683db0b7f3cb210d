package io.helo.server.ops;

import io.helo.server.Health;
import io.helo.server.HeloServer;
import io.helo.server.ServerConfig;
import io.helo.server.config.Logging;
import io.helo.server.config.Metrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * What operators see of a running server, started with it and closed with it: its counters over JMX, the periodic
 * summary line, the watch over the log, and the HTTP endpoint for metrics and health if configured.
 */
public final class Operations implements AutoCloseable {
    private final JmxCounters jmx;
    private final MetricsEndpoint metrics;

    private Operations(JmxCounters jmx, MetricsEndpoint metrics) {
        this.jmx = jmx;
        this.metrics = metrics;
    }

    /**
     * Checks that what {@code config} asks for can be served: the metrics endpoint needs Prometheus' client, which
     * the runnable jar has and an embedding application adds if it wants the endpoint.
     *
     * @param config the server's configuration
     * @throws IllegalArgumentException if the endpoint is asked for and the library is missing
     */
    public static void check(ServerConfig config) {
        if (config.get(Metrics.METRICS_PORT) == null) {
            return;
        }
        try {
            Class.forName("io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter", false,
                    Operations.class.getClassLoader());
            Class.forName("io.prometheus.metrics.instrumentation.jvm.JvmMetrics", false,
                    Operations.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--metrics-port needs io.prometheus:prometheus-metrics-exposition-textformats"
                    + " and io.prometheus:prometheus-metrics-instrumentation-jvm on the class path", e);
        }
    }

    /**
     * Starts publishing what {@code server} does, as {@code config} asks, on {@code timer}.
     *
     * @param server the server, started: its counters, health, certificate and port
     * @param config how often to log the summary, and where to serve metrics, if anywhere
     * @param timer runs the periodic tasks
     * @param logRate the rate of per-connection lines, whose excess the log watch summarises
     * @return what was started
     * @throws MetricsEndpoint.Unavailable if the metrics endpoint cannot listen; nothing is left running then
     */
    public static Operations start(HeloServer server, ServerConfig config, ScheduledExecutorService timer,
            LogRate logRate) throws MetricsEndpoint.Unavailable {
        timer.scheduleWithFixedDelay(FatalErrors.guard(new LogWatch(logRate)), 1, 1, TimeUnit.SECONDS);
        Duration stats = config.get(Logging.STATS_INTERVAL);
        if (!stats.isZero()) {
            timer.scheduleAtFixedRate(FatalErrors.guard(() -> StatsLog.log(server.counters())), stats.toMillis(),
                    stats.toMillis(), TimeUnit.MILLISECONDS);
        }
        JmxCounters jmx = JmxCounters.register(server.counters(), server.localAddresses().get(0).getPort());
        Integer port = config.get(Metrics.METRICS_PORT);
        if (port == null) {
            return new Operations(jmx, null);
        }
        InetSocketAddress address = new InetSocketAddress(config.get(Metrics.METRICS_BIND), port);
        try {
            return new Operations(jmx, MetricsEndpoint.start(address, new MetricsEndpoint.Limits(
                    config.get(Metrics.METRICS_HEADER_TIMEOUT), config.get(Metrics.METRICS_MAX_CONNECTIONS)),
                    server.counters(), () -> server.health() == Health.SERVING, server::certificateExpiry));
        } catch (IOException e) {
            if (jmx != null) {
                jmx.unregister();
            }
            throw new MetricsEndpoint.Unavailable(address, e);
        }
    }

    /**
     * The name the counters are registered under in JMX, or null if JMX refused them.
     *
     * @return the MBean's name, or {@code null}
     */
    public ObjectName mbeanName() {
        return jmx == null ? null : jmx.name();
    }

    /**
     * Where the metrics and health endpoint listens, with its real port.
     *
     * @return its address, or empty if none was configured
     */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metrics).map(MetricsEndpoint::address);
    }

    /** Stops publishing: the counters leave JMX and the endpoint stops listening. */
    @Override
    public void close() {
        if (jmx != null) {
            jmx.unregister();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
