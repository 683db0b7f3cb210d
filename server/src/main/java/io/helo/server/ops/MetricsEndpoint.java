package io.helo.server.ops;

import com.sun.net.httpserver.HttpExchange;
import io.helo.codec.HeloProtocol;
import io.helo.server.ServerCounters;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The operator's HTTP endpoint: {@code GET /metrics} in the Prometheus text format (every counter the server keeps,
 * read when scraped, plus the JVM's), and {@code GET /health}: 200 while serving, 503 once a shutdown has begun, so
 * that a balancer stops sending new clients before the drain ends. Prometheus' own client library serves both.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer http;
    private final InetSocketAddress address;

    private MetricsEndpoint(HTTPServer http, InetSocketAddress address) {
        this.http = http;
        this.address = address;
    }

    /** The endpoint could not listen where it was asked to. */
    public static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;

        private final InetSocketAddress address;

        /**
         * The endpoint could not listen on {@code address}, for {@code cause}.
         *
         * @param address where it was to listen
         * @param cause why it could not
         */
        public Unavailable(InetSocketAddress address, IOException cause) {
            super("cannot serve metrics on " + address + ": " + cause.getMessage(), cause);
            this.address = address;
        }

        /**
         * Where the endpoint was to listen.
         *
         * @return the address
         */
        public InetSocketAddress address() {
            return address;
        }
    }

    /**
     * Starts the endpoint on {@code address} (port 0: a free one).
     *
     * @param address where to listen
     * @param counters what the server has done and holds now
     * @param serving true while the server takes new clients, false once it is shutting down
     * @param certificateExpiry when the TLS certificate in use expires; empty without TLS
     * @return the running endpoint
     * @throws IOException if it cannot listen there
     */
    public static MetricsEndpoint start(InetSocketAddress address, ServerCounters counters, BooleanSupplier serving,
            Supplier<Optional<Instant>> certificateExpiry) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        register(registry, counters);
        registerBuild(registry);
        if (certificateExpiry.get().isPresent()) {
            registerCertificate(registry, certificateExpiry);
        }
        JvmMetrics.builder().register(registry);
        HTTPServer http = HTTPServer.builder().inetAddress(address.getAddress()).port(address.getPort())
                .registry(registry).defaultHandler(exchange -> health(exchange, serving)).buildAndStart();
        return new MetricsEndpoint(http, new InetSocketAddress(address.getAddress(), http.getPort()));
    }

    /**
     * The port the endpoint listens on.
     *
     * @return the port
     */
    public int port() {
        return http.getPort();
    }

    /**
     * Where the endpoint listens, with its real port.
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        http.close();
    }

    /** Every row of {@link Measures}, read when scraped. */
    @SuppressWarnings("unchecked")
    private static void register(PrometheusRegistry registry, ServerCounters counters) {
        for (Measure measure : Measures.ALL) {
            Unit unit = measure.kind().bytes() ? Unit.BYTES : null;
            if (measure.label() != null) {
                labelled(registry, measure.name(), measure.help(), measure.label(),
                        () -> (Map<String, Long>) measure.read().apply(counters));
            } else if (measure.kind().counter()) {
                counter(registry, measure.name(), measure.help(), unit, () -> measure.sum(counters));
            } else {
                gauge(registry, measure.name(), measure.help(), unit, () -> measure.sum(counters));
            }
        }
    }

    /**
     * The instant the certificate expires, in seconds since the epoch as Prometheus prefers (no days: the linter
     * refuses non-base units), for alert rules ({@code helo_tls_certificate_expiry_timestamp_seconds - time() <
     * 14 * 86400}).
     */
    private static void registerCertificate(PrometheusRegistry registry, Supplier<Optional<Instant>> expiry) {
        GaugeWithCallback.builder().name("helo_tls_certificate_expiry_timestamp").unit(Unit.SECONDS)
                .help("When the TLS certificate in use expires.")
                .callback(callback -> expiry.get().ifPresent(at -> callback.call(at.getEpochSecond())))
                .register(registry);
    }

    /** The running build as Prometheus' convention has it: a constant 1 labelled with the version. */
    private static void registerBuild(PrometheusRegistry registry) {
        Info.builder().name("helo_build_info").help("The server's build.").labelNames("version").register(registry)
                .setLabelValues(HeloProtocol.version());
    }

    private static void counter(PrometheusRegistry registry, String name, String help, Unit unit, LongSupplier value) {
        CounterWithCallback.Builder builder = CounterWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong()));
        if (unit != null) {
            builder.unit(unit);
        }
        builder.register(registry);
    }

    private static void labelled(PrometheusRegistry registry, String name, String help, String label,
            Supplier<Map<String, Long>> values) {
        CounterWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(callback -> values.get().forEach((key, count) -> callback.call(count, key)))
                .register(registry);
    }

    private static void gauge(PrometheusRegistry registry, String name, String help, Unit unit, LongSupplier value) {
        GaugeWithCallback.Builder builder = GaugeWithCallback.builder().name(name).help(help)
                .callback(callback -> callback.call(value.getAsLong()));
        if (unit != null) {
            builder.unit(unit);
        }
        builder.register(registry);
    }

    private static void health(HttpExchange exchange, BooleanSupplier serving) throws IOException {
        int status;
        String body;
        if (!exchange.getRequestURI().getPath().equals("/health")) {
            status = 404;
            body = "not found: /metrics and /health are served here\n";
        } else if (serving.getAsBoolean()) {
            status = 200;
            body = "serving\n";
        } else {
            status = 503;
            body = "shutting down\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
