package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helo.codec.SafeText;
import io.helo.server.testing.ServerProcess;
import io.helo.server.testing.WireClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With --log-format json every line the jar logs is one JSON object, and a connection's end carries its fields. */
class JsonLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldLogOneJsonObjectPerLineWithTheFieldsOfEachConnection() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of(), "--log-format", "json")) {
            try (WireClient client = new WireClient(server.address())) {
                client.send("HELO a\"b\\c\r\nECHO x\r\nFROB\r\nBYE\r\n").expect("Hello a\"b\\c, pleased to meet you.")
                        .expect("x").expect("ERR unknown-command unknown command").expect("See ya later");
            }
            String ended = await().atMost(Duration.ofSeconds(30)).until(() -> server.output().stream()
                    .filter(line -> line.contains("disconnected (bye)")).findFirst(), java.util.Optional::isPresent)
                    .orElseThrow();

            for (String line : server.output()) {
                JsonNode event = JSON.readTree(line); // throws if any line is not JSON
                assertThat(event.has("timestamp") && event.has("level") && event.has("formattedMessage"))
                        .as(line).isTrue();
            }
            JsonNode event = JSON.readTree(ended);
            assertThat(event.get("level").asText()).isEqualTo("INFO");
            Map<String, String> fields = new HashMap<>();
            event.get("kvpList").forEach(pair -> pair.fields().forEachRemaining(f -> fields.put(f.getKey(),
                    f.getValue().asText())));
            // the host name is escaped as in text logs (a backslash doubled), then as JSON
            assertThat(fields).containsEntry("reason", "bye").containsEntry("requests", "4")
                    .containsEntry("errors", "1").containsEntry("hostname", SafeText.escape("a\"b\\c")).containsKeys("client",
                            "session", "millis", "bytesIn", "bytesOut");
            assertThat(fields.get("client")).startsWith("127.0.0.1:");
        }
    }
}
