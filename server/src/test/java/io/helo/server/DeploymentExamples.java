package io.helo.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the deployment examples run: docs/deploy/kubernetes.yaml, the unit, and the package's server.conf. */
final class DeploymentExamples {
    static final Path DEPLOY = Path.of("..", "docs", "deploy");
    static final Path SERVER_CONF = Path.of("..", "dist", "src", "deb", "etc", "server.conf");

    private DeploymentExamples() {
    }

    /** The documents of the Kubernetes example, in order. */
    static List<JsonNode> kubernetes() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (YAMLParser parser = new YAMLFactory().createParser(DEPLOY.resolve("kubernetes.yaml").toFile())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    /** The server's container in the Kubernetes example. */
    static JsonNode kubernetesContainer() throws IOException {
        return kubernetes().get(0).at("/spec/template/spec/containers/0");
    }

    /** The JVM's options in the Kubernetes example: its command between {@code java} and {@code -jar}. */
    static List<String> kubernetesJvmOptions() throws IOException {
        List<String> command = texts(kubernetesContainer().get("command"));
        return command.subList(1, command.indexOf("-jar"));
    }

    /** The server's arguments in the Kubernetes example. */
    static List<String> kubernetesArguments() throws IOException {
        return texts(kubernetesContainer().get("args"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(a -> texts.add(a.asText()));
        return texts;
    }
}
