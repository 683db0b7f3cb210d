package io.helo.server.ops;

import io.helo.codec.HeloProtocol;
import io.helo.server.ServerCounters;
import io.helo.server.config.Metrics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The operator's HTTP endpoint: {@code GET /metrics} in the Prometheus text format (every counter the server keeps,
 * read when scraped, plus the JVM's), and {@code GET /health}: 200 while serving, 503 once a shutdown has begun, so
 * that a balancer stops sending new clients before the drain ends. Prometheus' client library makes the metrics;
 * {@link HttpResponder} serves them, on MINA, because the library's own server (the JDK's {@code HttpServer}) reads
 * request headers on a small pool of blocking threads with no time limit: a dozen clients sending a header octet a
 * second stall {@code /health} for as long as they like.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpResponder http;

    private MetricsEndpoint(HttpResponder http) {
        this.http = http;
    }

    /**
     * What a client of the endpoint may hold: the time to send its request head, and the connections open at once.
     *
     * @param headerTimeout how long a client has, from its connection, to send its whole request head
     * @param maxConnections connections open at once; a new one beyond closes the oldest
     */
    public record Limits(Duration headerTimeout, int maxConnections) {
        /** The defaults of the command line's options. */
        public static final Limits DEFAULT = new Limits(Metrics.METRICS_HEADER_TIMEOUT.defaultValue(),
                Metrics.METRICS_MAX_CONNECTIONS.defaultValue());
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
     * Starts the endpoint on {@code address} (port 0: a free one), with the default limits.
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
        return start(address, Limits.DEFAULT, counters, serving, certificateExpiry);
    }

    /**
     * Starts the endpoint on {@code address} (port 0: a free one).
     *
     * @param address where to listen
     * @param limits what a client of the endpoint may hold
     * @param counters what the server has done and holds now
     * @param serving true while the server takes new clients, false once it is shutting down
     * @param certificateExpiry when the TLS certificate in use expires; empty without TLS
     * @return the running endpoint
     * @throws IOException if it cannot listen there
     */
    public static MetricsEndpoint start(InetSocketAddress address, Limits limits, ServerCounters counters, BooleanSupplier serving, Supplier<Optional<Instant>> certificateExpiry)
            throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        register(registry, counters);
        registerBuild(registry);
        if (certificateExpiry.get().isPresent()) {
            registerCertificate(registry, certificateExpiry);
        }
        JvmMetrics.builder().register(registry);
        return new MetricsEndpoint(HttpResponder.start(address, limits.headerTimeout(), limits.maxConnections(),
                request -> health(request, serving), request -> scrape(request, registry), Set.of("/metrics")));
    }

    /**
     * The port the endpoint listens on.
     *
     * @return the port
     */
    public int port() {
        return http.address().getPort();
    }

    /**
     * Where the endpoint listens, with its real port.
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return http.address();
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

    /** {@code /health}, and a 404 for any path but the two. */
    private static HttpResponder.Response health(HttpResponder.Request request, BooleanSupplier serving) {
        if (!request.path().equals("/health")) {
            return HttpResponder.Response.text(404, "not found: /metrics and /health are served here\n");
        }
        return serving.getAsBoolean() ? HttpResponder.Response.text(200, "serving\n")
                : HttpResponder.Response.text(503, "shutting down\n");
    }

    /** {@code /metrics}: OpenMetrics if the scraper asks for it, else Prometheus' text format. */
    private static HttpResponder.Response scrape(HttpResponder.Request request, PrometheusRegistry registry) {
        ExpositionFormatWriter writer = request.accept().contains("application/openmetrics-text")
                ? OpenMetricsTextFormatWriter.create() : PrometheusTextFormatWriter.create();
        ByteArrayOutputStream body = new ByteArrayOutputStream(16_384);
        try {
            writer.write(body, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: it writes to memory
        }
        return new HttpResponder.Response(200, writer.getContentType(), body.toByteArray());
    }
}
