package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.helo.server.cli.ServerMainProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment examples in docs/deploy parse, and ask the server only for options it has. */
class DeploymentFilesTest {
    private static final Path DEPLOY = Path.of("..", "docs", "deploy");

    @Test
    void shouldDescribeADeploymentAndAServiceThatKeepsTheClientAddress() throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (YAMLParser parser = new YAMLFactory().createParser(DEPLOY.resolve("kubernetes.yaml").toFile())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }

        assertThat(documents).extracting(d -> d.get("kind").asText()).containsExactly("Deployment", "Service");
        JsonNode container = documents.get(0).at("/spec/template/spec/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health");
        assertThat(container.at("/env/0/name").asText()).isEqualTo("TZ");
        List<String> args = new ArrayList<>();
        container.get("args").forEach(a -> args.add(a.asText()));
        assertThat(ServerMainProbe.acceptedOptions(args)).as("the server accepts " + args).isTrue();
        JsonNode service = documents.get(1);
        assertThat(service.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Local");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8008);
    }

    @Test
    void shouldRunTheSystemdUnitUnderItsOwnUserInAKnownTimeZoneWithoutTheProxyProtocol() throws Exception {
        String unit = Files.readString(DEPLOY.resolve("helo-server.service"));

        assertThat(unit).containsPattern("(?m)^DynamicUser=yes$").containsPattern("(?m)^Environment=TZ=\\S+$");
        String execStart = unit.replaceAll("\\\\\\n\\s*", " ").lines().filter(l -> l.startsWith("ExecStart="))
                .findFirst().orElseThrow();
        assertThat(execStart).doesNotContain("--proxy-protocol-from");
        Matcher options = Pattern.compile("server\\.jar (.*)$").matcher(execStart);
        assertThat(options.find()).isTrue();
        assertThat(ServerMainProbe.acceptedOptions(List.of(options.group(1).split(" ")))).as(execStart).isTrue();
    }
}
