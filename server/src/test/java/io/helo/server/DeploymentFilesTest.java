package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helo.server.cli.ServerMainProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment examples in docs/deploy (and the package's configuration) ask only for what the server has. */
class DeploymentFilesTest {
    private static final Path UNIT = DeploymentExamples.DEPLOY.resolve("helo-server.service");
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @Test
    void shouldDescribeADeploymentAndAServiceThatKeepsTheClientAddress() throws Exception {
        List<JsonNode> documents = DeploymentExamples.kubernetes();

        assertThat(documents).extracting(d -> d.get("kind").asText()).containsExactly("Deployment", "Service");
        JsonNode container = DeploymentExamples.kubernetesContainer();
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health");
        assertThat(container.at("/env/0/name").asText()).isEqualTo("TZ");
        List<String> args = DeploymentExamples.kubernetesArguments();
        assertThat(ServerMainProbe.acceptedOptions(args)).as("the server accepts " + args).isTrue();
        JsonNode service = documents.get(1);
        assertThat(service.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Local");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8008);
    }

    @Test
    void shouldRunThePodUnprivilegedOnAReadOnlyFileSystemAndLetItDrainBeforeItIsKilled() throws Exception {
        JsonNode pod = DeploymentExamples.kubernetes().get(0).at("/spec/template/spec");
        JsonNode container = DeploymentExamples.kubernetesContainer();

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        List<String> args = DeploymentExamples.kubernetesArguments();
        int grace = Integer.parseInt(args.get(args.indexOf("--drain-grace") + 1));
        int drain = Integer.parseInt(args.get(args.indexOf("--drain-timeout") + 1));
        assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).as("the kubelet waits out grace and drain")
                .isGreaterThan(grace + drain);
    }

    @Test
    void shouldRunTheSystemdUnitUnderItsOwnUserInAKnownTimeZoneWithThePackagedConfiguration() throws Exception {
        String unit = Files.readString(UNIT);

        assertThat(unit).containsPattern("(?m)^DynamicUser=yes$").containsPattern("(?m)^Environment=TZ=\\S+$")
                .containsPattern("(?m)^ExecStart=/usr/bin/helo-server @/etc/helo/server.conf$");
        assertThat(ServerMainProbe.acceptedOptions(List.of("@" + DeploymentExamples.SERVER_CONF)))
                .as("the server accepts " + DeploymentExamples.SERVER_CONF).isTrue();
        assertThat(Files.readString(DeploymentExamples.SERVER_CONF)).doesNotContainPattern("(?m)^--proxy-protocol");
    }

    @Test
    void shouldRestartTheServerAfterAFatalErrorButNotAfterAShutdown() throws Exception {
        String unit = Files.readString(UNIT);

        // status 3 (out of memory, a fatal JVM error) and 1 (cannot listen) are failures; 0 after SIGTERM is not
        assertThat(unit).containsPattern("(?m)^Restart=on-failure$")
                .doesNotContainPattern("(?m)^(SuccessExitStatus|RestartPreventExitStatus)=.*\\b[13]\\b");
    }

    @Test
    void shouldExposeNoMoreThanAServiceOnTheNetworkMust() throws Exception {
        assumeThat(Files.isExecutable(SYSTEMD_ANALYZE) || System.getenv("CI") != null)
                .as("systemd-analyze is not installed: skipping the exposure check").isTrue();
        Process analyze = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "security", "--offline=true",
                UNIT.toString()).redirectErrorStream(true).start();
        String report = new String(analyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(analyze.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Matcher level = Pattern.compile("Overall exposure level for helo-server.service: (\\d+\\.\\d+) (\\w+)")
                .matcher(report);
        assertThat(level.find()).as(report).isTrue();
        assertThat(Double.parseDouble(level.group(1))).as(report).isLessThanOrEqualTo(2.0);
        assertThat(level.group(2)).isEqualTo("OK");
    }
}
