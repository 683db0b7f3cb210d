package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.helo.codec.HeloProtocol;
import io.helo.server.ops.MetricsEndpoint;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint scraped over HTTP and parsed: counters follow sessions, /health follows the shutdown. */
class MetricsEndpointTest {
    private static final Pattern SAMPLE = Pattern.compile("^(helo_[a-z_]+(?:\\{[^}]*\\})?) (\\S+)$", Pattern.MULTILINE);

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean serving = new AtomicBoolean(true);
    private final Instant expiry = Instant.now().plus(Duration.ofDays(10));
    private LoopbackServer server;
    private MetricsEndpoint metrics;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.start();
        metrics = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server.counters(),
                serving::get, () -> Optional.of(expiry));
    }

    @AfterEach
    void stop() {
        metrics.close();
        server.close();
    }

    @Test
    void shouldCountWhatASessionDid() throws Exception {
        Map<String, Double> before = scrape();
        assertThat(before).containsEntry("helo_connections_total", 0.0)
                .containsEntry("helo_requests_total{command=\"ECHO\"}", 0.0)
                .containsKeys("helo_open_connections", "helo_held_bytes", "helo_received_bytes_total",
                        "helo_sent_bytes_total", "helo_log_lines_dropped_total",
                        "helo_refused_connections_total{reason=\"too-many-connections\"}");

        String requests = "HELO metrics\r\nECHO one\r\nECHO two\r\nFROB\r\n";
        try (WireClient client = new WireClient(server.address())) {
            client.send(requests).expect("Hello metrics, pleased to meet you.")
                    .expect("one").expect("two").expect("ERR unknown-command unknown command");
            assertThat(scrape()).containsEntry("helo_open_connections", 1.0);
            client.send("BYE\r\n").expect("See ya later");
        }

        Map<String, Double> after = scrape();
        assertThat(after).containsEntry("helo_connections_total", 1.0)
                .containsEntry("helo_requests_total{command=\"HELO\"}", 1.0)
                .containsEntry("helo_requests_total{command=\"ECHO\"}", 2.0)
                .containsEntry("helo_errors_total{reason=\"unknown-command\"}", 1.0);
        assertThat(after.get("helo_received_bytes_total")).isEqualTo((requests + "BYE\r\n").length());
        assertThat(scrapeText()).contains("# TYPE jvm_memory_used_bytes gauge");
        assertThat(after).containsEntry("helo_build_info{version=\"" + HeloProtocol.version() + "\"}", 1.0);
    }

    @Test
    void shouldTellWhenTheTlsCertificateExpires() throws Exception {
        Map<String, Double> metrics = scrape();
        assertThat(metrics.get("helo_tls_certificate_expiry_timestamp_seconds")).isEqualTo(expiry.getEpochSecond());
    }

    @Test
    void shouldPassPrometheusOwnLinter() throws Exception {
        assumeThat(Files.isExecutable(PROMTOOL) || System.getenv("CI") != null)
                .as("promtool is not installed (apt-get install -y prometheus): skipping the lint").isTrue();
        String exposition = scrapeText();
        assertThat(exposition).contains("helo_tls_certificate_expiry_timestamp_seconds", "helo_build_info");
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(verdict).isZero();
        assertThat(verdict).isEmpty();
    }

    @Test
    void shouldSayServingUntilTheShutdownBegins() throws Exception {
        assertThat(get("/health")).isEqualTo("200 serving\n");

        serving.set(false);

        assertThat(get("/health")).isEqualTo("503 shutting down\n");
        assertThat(get("/elsewhere")).startsWith("404 ");
    }

    private Map<String, Double> scrape() throws Exception {
        Matcher m = SAMPLE.matcher(scrapeText());
        return m.results().collect(Collectors.toMap(r -> r.group(1), r -> Double.parseDouble(r.group(2))));
    }

    private String scrapeText() throws Exception {
        String response = get("/metrics");
        assertThat(response).startsWith("200 ");
        return response.substring(4);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metrics.port() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
