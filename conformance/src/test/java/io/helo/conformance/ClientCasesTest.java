package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.conformance.ClientSession.Behaviour;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client cases graded against this project's client, and against classroom clients with one defect each. */
class ClientCasesTest {
    /** Cases that cannot apply: to a played server that is correct, or on a free port rather than 8008. */
    private static final Map<String, Outcome> NOT_FOR_A_CORRECT_SERVER = Map.of(
            "client/2.1/replies-without-line-ends", Outcome.SKIPPED, "client/6/busy-ends-session", Outcome.SKIPPED,
            "client/assignment/port-8008", Outcome.SKIPPED, "client/2.1/replies-with-bare-lf", Outcome.SKIPPED,
            "client/6/rate-limited-ends-session", Outcome.SKIPPED, "client/6/final-line-ends-session", Outcome.SKIPPED,
            "client/6/unknown-error-token", Outcome.SKIPPED, "client/5.5/non-canonical-ipv6", Outcome.SKIPPED);
    /** The case each misbehaviour of the played server is there for. */
    private static final Map<Behaviour, String> GRADED_BY = Map.of(Behaviour.BARE_LF,
            "client/2.1/replies-with-bare-lf", Behaviour.UNKNOWN_ERROR, "client/6/unknown-error-token",
            Behaviour.RATE_LIMITED, "client/6/rate-limited-ends-session", Behaviour.SHUTTING_DOWN,
            "client/6/final-line-ends-session", Behaviour.NON_CANONICAL_IPV6, "client/5.5/non-canonical-ipv6");

    @Test
    void shouldPassEveryCaseWithThisClient() throws Exception {
        Report report = grade(thisClient(), Behaviour.CORRECT);

        assertThat(notPassed(report)).isEqualTo(NOT_FOR_A_CORRECT_SERVER);
    }

    @Test
    void shouldSeeThisClientEndTheSessionAtOnceWhenTheServerIsBusy() throws Exception {
        Report report = grade(thisClient(), Behaviour.BUSY);

        assertThat(outcome(report, "client/6/busy-ends-session")).isEqualTo(Outcome.PASS);
        assertThat(report.failed()).isFalse();
    }

    @Test
    void shouldSeeThisClientCopeWithRepliesWithoutLineEnds() throws Exception {
        Report report = grade(thisClient(), Behaviour.NO_LINE_ENDS);

        // a misbehaving server grades only the robustness it is there for: the other cases do not apply
        assertThat(outcome(report, "client/2.1/replies-without-line-ends")).isEqualTo(Outcome.PASS);
        assertThat(outcome(report, "client/assignment/connects")).isEqualTo(Outcome.PASS);
        assertThat(report.results()).filteredOn(r -> r.outcome() != Outcome.SKIPPED).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(names = {"BARE_LF", "UNKNOWN_ERROR", "RATE_LIMITED", "SHUTTING_DOWN", "NON_CANONICAL_IPV6"})
    void shouldSeeThisClientCopeWithAServerThatMisbehaves(Behaviour behaviour) throws Exception {
        Report report = grade(thisClient(), behaviour);

        assertThat(outcome(report, GRADED_BY.get(behaviour))).as(() -> details(report).toString())
                .isEqualTo(Outcome.PASS);
        assertThat(report.results()).filteredOn(r -> r.outcome() != Outcome.SKIPPED).extracting(r -> r.testCase().id())
                .as("a misbehaving server grades only the robustness it is there for")
                .containsExactlyInAnyOrder(GRADED_BY.get(behaviour), "client/assignment/connects");
    }

    @ParameterizedTest
    @EnumSource(names = {"BARE_LF", "UNKNOWN_ERROR", "NON_CANONICAL_IPV6"})
    void shouldSeeACorrectClassroomClientCopeWithAServerThatMisbehaves(Behaviour behaviour) throws Exception {
        Report report = grade(python("none"), behaviour);

        assertThat(outcome(report, GRADED_BY.get(behaviour))).as(() -> details(report).toString())
                .isEqualTo(Outcome.PASS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a strict reader: a reply must end with CR LF; it gives up after the greeting
        "crlf-only | BARE_LF | FAIL | it did not finish its session with replies that end in a bare LF: sent HELO;",
        // looks the token up in a table of the ones it knows, and dies of the one it does not
        "known-errors | UNKNOWN_ERROR | FAIL | it crashed on the reply \"ERR not-yet-defined ...\"",
        // checks the address against a dotted-quad pattern, and gives up before BYE
        "ipv4-only | NON_CANONICAL_IPV6 | WARN | it did not finish its session after REQIP was answered"
                + " \"0:0:0:0:0:0:0:1\": sent HELO, REQTIME, REQDATE, ECHO, REQIP;",
        // reads each reply but never looks at it: goes on after the final line, whose socket has closed
        "none | SHUTTING_DOWN | FAIL | it went on after \"ERR shutting-down ...\": sent \"REQDATE\\nECHO",
        "none | RATE_LIMITED | FAIL | it went on after \"ERR rate-limited ...\": sent \"HELO "})
    void shouldFindTheClassroomClientThatCannotCopeWithAServerThatMisbehaves(String defect, Behaviour behaviour,
            Outcome outcome, String detail) throws Exception {
        Report report = grade(python(defect), behaviour);

        CaseResult result = report.results().stream().filter(r -> r.testCase().id().equals(GRADED_BY.get(behaviour)))
                .findFirst().orElseThrow();
        assertThat(result.outcome()).as(result.detail()).isEqualTo(outcome);
        assertThat(result.detail()).startsWith(detail);
    }

    @ParameterizedTest
    @ValueSource(strings = {"crlf-only", "known-errors", "ipv4-only"})
    void shouldPassTheClassroomClientsThatCannotCopeWithMisbehaviourWhenTheServerIsCorrect(String defect)
            throws Exception {
        assertThat(notPassed(grade(python(defect), Behaviour.CORRECT))).isEqualTo(NOT_FOR_A_CORRECT_SERVER);
    }

    @Test
    void shouldFailAClassroomClientThatGoesOnAfterErrBusy() throws Exception {
        Report report = grade(python("none"), Behaviour.BUSY); // it reads each reply, but never looks at it

        assertThat(outcome(report, "client/6/busy-ends-session")).isEqualTo(Outcome.FAIL);
        assertThat(report.results().stream().filter(r -> r.testCase().id().equals("client/6/busy-ends-session"))
                .findFirst().orElseThrow().detail()).startsWith("it went on after \"ERR busy ...\": sent \"HELO ").contains("\\nREQTIME\\n");
    }

    @Test
    void shouldPassEveryCaseWithACorrectClassroomClient() throws Exception {
        assertThat(notPassed(grade(python("none"), Behaviour.CORRECT))).isEqualTo(NOT_FOR_A_CORRECT_SERVER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip-helo", "skip-command", "no-bye", "lower-case", "no-line-ends", "reads-stdin",
        "no-read", "silent"})
    void shouldFindExactlyTheDefectOfABrokenClient(String defect) throws Exception {
        Report report = grade(python(defect), Behaviour.CORRECT);

        Map<String, Outcome> expected = new LinkedHashMap<>(NOT_FOR_A_CORRECT_SERVER);
        expected.putAll(findings(defect));
        assertThat(notPassed(report)).as(defect + " graded").isEqualTo(expected);
    }

    private static Map<String, Outcome> findings(String defect) {
        return switch (defect) {
            case "skip-helo" -> Map.of("client/4/helo-first", Outcome.FAIL, "client/assignment/every-command",
                    Outcome.FAIL, "client/5.1/hostname", Outcome.SKIPPED);
            case "skip-command" -> Map.of("client/assignment/every-command", Outcome.FAIL);
            case "no-bye" -> Map.of("client/assignment/every-command", Outcome.FAIL, "client/4/bye-last", Outcome.WARN,
                    "client/4/closes-after-goodbye", Outcome.WARN);
            case "lower-case" -> Map.of("client/3/upper-case", Outcome.WARN);
            case "no-line-ends" -> Map.of("client/2/crlf", Outcome.FAIL);
            case "reads-stdin" -> Map.ofEntries(Map.entry("client/assignment/connects", Outcome.FAIL),
                    Map.entry("client/2/crlf", Outcome.SKIPPED), Map.entry("client/3/request-form", Outcome.SKIPPED),
                    Map.entry("client/3/upper-case", Outcome.SKIPPED), Map.entry("client/4/helo-first", Outcome.SKIPPED),
                    Map.entry("client/4/bye-last", Outcome.SKIPPED),
                    Map.entry("client/4/closes-after-goodbye", Outcome.SKIPPED),
                    Map.entry("client/5.1/hostname", Outcome.SKIPPED),
                    Map.entry("client/assignment/every-command", Outcome.SKIPPED),
                    Map.entry("client/assignment/port-8008", Outcome.SKIPPED),
                    Map.entry("client/assignment/exit-status", Outcome.SKIPPED),
                    Map.entry("client/assignment/informational-messages", Outcome.SKIPPED));
            // it sent all six commands and left without reading a reply: every line it sent is recorded, and it
            // closed before the last line, which a client SHOULD read first
            case "no-read" -> Map.of("client/4/closes-after-goodbye", Outcome.WARN);
            // nothing sent: the line-end and form cases have nothing to judge
            case "silent" -> Map.of("client/4/helo-first", Outcome.FAIL, "client/assignment/every-command", Outcome.FAIL,
                    "client/5.1/hostname", Outcome.SKIPPED, "client/2/crlf", Outcome.SKIPPED,
                    "client/3/request-form", Outcome.SKIPPED, "client/3/upper-case", Outcome.SKIPPED,
                    "client/4/bye-last", Outcome.WARN, "client/4/closes-after-goodbye", Outcome.WARN,
                    "client/assignment/informational-messages", Outcome.FAIL);
            default -> throw new IllegalArgumentException(defect);
        };
    }

    private static List<String> thisClient() {
        Path jar = Path.of(System.getProperty("project.root", ".."), "client", "target", "client.jar");
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--port", "{port}");
    }

    private static List<String> python(String defect) throws URISyntaxException {
        Path script = Path.of(ClientCasesTest.class.getResource("/clients/broken_client.py").toURI());
        return List.of("python3", script.toString(), defect);
    }

    private static Report grade(List<String> command, Behaviour behaviour) throws IOException {
        return ClientCommand.grade(Sandbox.plainIn(Path.of(".")), command, Map.of(), 0, behaviour,
                Duration.ofSeconds(30), Selection.assignmentProfile(), null, Limits.DEFAULTS.outputBytes());
    }

    private static Outcome outcome(Report report, String id) {
        return report.results().stream().filter(r -> r.testCase().id().equals(id)).findFirst().orElseThrow().outcome();
    }

    private static List<String> details(Report report) {
        return report.results().stream().filter(r -> r.outcome() != Outcome.PASS)
                .map(r -> r.testCase().id() + ": " + r.detail()).toList();
    }

    private static Map<String, Outcome> notPassed(Report report) {
        return report.results().stream().filter(r -> r.outcome() != Outcome.PASS)
                .collect(Collectors.toMap(r -> r.testCase().id(), CaseResult::outcome, (a, b) -> a, LinkedHashMap::new));
    }
}
