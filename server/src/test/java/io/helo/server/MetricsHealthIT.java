package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.ServerProcess;
import io.helo.server.testing.WireClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The jar's /health says 503 from the moment a shutdown begins until the drain ends, so a balancer stops early. */
class MetricsHealthIT {
    private static final Pattern METRICS = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswer503WhileDrainingAndStopWhenTheLastClientLeaves() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of(), "--metrics-port", "0", "--linger-timeout", "60",
                "--drain-timeout", "60")) {
            int port = await().atMost(Duration.ofSeconds(30)).until(() -> metricsPort(server.output()),
                    Optional::isPresent).orElseThrow();
            assertThat(health(port)).isEqualTo(200);
            try (WireClient client = new WireClient(server.address())) {
                client.send("HELO drain\r\n").expect("Hello drain, pleased to meet you.");

                server.terminate(); // SIGTERM: the drain waits for this client, which neither reads nor closes

                await().atMost(Duration.ofSeconds(30)).until(() -> health(port) == 503);
                assertThat(server.isAlive()).as("still draining").isTrue();
                client.expect("ERR shutting-down server shutting down, closing connection");
            }
            assertThat(server.exitStatus(Duration.ofSeconds(60))).isZero();
        }
    }

    private static Optional<Integer> metricsPort(List<String> output) {
        return output.stream().map(METRICS::matcher).filter(Matcher::find).findFirst()
                .map(m -> Integer.parseInt(m.group(1)));
    }

    private int health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
