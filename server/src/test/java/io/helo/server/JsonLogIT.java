package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helo.codec.SafeText;
import io.helo.server.testing.ServerProcess;
import io.helo.server.testing.WireClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With --log-format json every line the jar logs is one JSON object in logstash-logback-encoder's schema: an ISO-8601
 * timestamp, and a connection's facts (and the stats line's) as top-level fields with numbers as numbers.
 */
class JsonLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldLogOneJsonObjectPerLineWithTheFieldsOfEachConnection() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of(), "--log-format", "json", "--stats-interval", "1")) {
            try (WireClient client = new WireClient(server.address())) {
                client.send("HELO a\"b\\c\r\nECHO x\r\nFROB\r\nBYE\r\n").expect("Hello a\"b\\c, pleased to meet you.")
                        .expect("x").expect("ERR unknown-command unknown command").expect("See ya later");
            }
            String ended = lineContaining(server, "disconnected (bye)");
            String stats = lineContaining(server, "stats: connections 0 now, 1 total");

            for (String line : server.output()) {
                JsonNode event = JSON.readTree(line); // throws if any line is not JSON
                assertThat(event.has("@timestamp") && event.has("level") && event.has("message")
                        && event.has("logger_name")).as(line).isTrue();
                Instant.parse(event.get("@timestamp").asText()); // throws unless ISO-8601 in UTC
            }
            JsonNode event = JSON.readTree(ended);
            assertThat(event.get("level").asText()).isEqualTo("INFO");
            assertThat(event.get("message").asText()).contains("disconnected (bye) after 4 requests");
            // the host name is escaped as in text logs (a backslash doubled), then as JSON
            assertThat(event.get("reason").asText()).isEqualTo("bye");
            assertThat(event.get("hostname").asText()).isEqualTo(SafeText.escape("a\"b\\c"));
            assertThat(event.get("client").asText()).startsWith("127.0.0.1:");
            for (String number : List.of("session", "requests", "errors", "millis", "bytesIn", "bytesOut")) {
                assertThat(event.get(number).isIntegralNumber()).as(number + " in " + ended).isTrue();
            }
            assertThat(event.get("requests").asInt()).isEqualTo(4);
            assertThat(event.get("errors").asInt()).isEqualTo(1);
            assertThat(event.get("bytesIn").asInt()).isEqualTo("HELO a\"b\\c\r\nECHO x\r\nFROB\r\nBYE\r\n".length());

            JsonNode summary = JSON.readTree(stats);
            for (String number : List.of("connectionsOpen", "connections", "refused", "requests", "errors", "bytesIn",
                    "bytesOut", "bytesHeld", "logLinesDropped")) {
                assertThat(summary.get(number).isIntegralNumber()).as(number + " in " + stats).isTrue();
            }
            assertThat(summary.get("connections").asInt()).isEqualTo(1);
            assertThat(summary.get("requests").asInt()).isEqualTo(4);
            // counted by the service as by the session, whichever way the octets reached the handler
            assertThat(summary.get("bytesIn").asInt()).isEqualTo(event.get("bytesIn").asInt());
        }
    }

    private static String lineContaining(ServerProcess server, String text) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> server.output().stream()
                .filter(line -> line.contains(text)).findFirst(), Optional::isPresent).orElseThrow();
    }
}
