package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.testing.ServerProcess;
import io.helo.server.testing.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server started exactly as the deployment examples start it (JVM options and server options; only the
 * ports are free ones instead of 8008 and 9108): it has nothing to warn about, serves, and stops cleanly.
 */
class DeploymentExamplesIT {
    private static final Pattern JAVA_OPTS = Pattern.compile("(?m)^Environment=\"HELO_JAVA_OPTS=([^\"]*)\"$");

    @TempDir
    Path dir;

    @Test
    void shouldStartAsTheKubernetesExampleRunsItWithNothingToWarnAbout() throws Exception {
        List<String> args = freePorts(DeploymentExamples.kubernetesArguments());
        args.set(args.indexOf("--metrics-bind") + 1, "127.0.0.1");

        serveAndStop(DeploymentExamples.kubernetesJvmOptions(), args);
    }

    @Test
    void shouldStartAsTheSystemdUnitRunsItWithNothingToWarnAbout() throws Exception {
        Matcher javaOptions = JAVA_OPTS.matcher(Files.readString(DeploymentExamples.DEPLOY.resolve(
                "helo-server.service")));
        assertThat(javaOptions.find()).as("the unit sets HELO_JAVA_OPTS").isTrue();
        List<String> conf = new ArrayList<>();
        for (String line : Files.readAllLines(DeploymentExamples.SERVER_CONF)) {
            if (!line.matches("--port \\d+")) { // the test's process gives --port 0
                conf.add(line.replaceFirst("^--metrics-port \\d+$", "--metrics-port 0"));
            }
        }
        Path argumentFile = Files.write(dir.resolve("server.conf"), conf);

        serveAndStop(List.of(javaOptions.group(1).split(" ")), List.of("@" + argumentFile));
    }

    private static void serveAndStop(List<String> jvmOptions, List<String> args) throws Exception {
        try (ServerProcess server = ServerProcess.start(jvmOptions, args.toArray(String[]::new))) {
            try (WireClient client = new WireClient(server.address())) {
                client.send("HELO deploy\r\nBYE\r\n").expect("Hello deploy, pleased to meet you.")
                        .expect("See ya later");
            }
            server.terminate();
            assertThat(server.exitStatus(Duration.ofSeconds(30))).isZero();
            assertThat(server.output()).as("the server's log").isNotEmpty()
                    .noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
        }
    }

    /** The arguments with port 0, a free one, wherever a port is given. */
    private static List<String> freePorts(List<String> args) {
        List<String> free = new ArrayList<>(args);
        for (String option : List.of("--port", "--metrics-port")) {
            int at = free.indexOf(option);
            if (at >= 0) {
                free.set(at + 1, "0");
            }
        }
        return free;
    }
}
