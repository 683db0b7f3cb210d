package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers as students write them, each run as a real process the way {@code server -- python3 server.py} runs it,
 * graded with the default options: a correct one, and ones with one realistic defect each, the verdict expected of
 * each written down before it was graded.
 */
class StudentServersTest {
    private static final Path SERVER = Submissions.resource("/servers/helo_server.py");

    @ParameterizedTest
    @ValueSource(strings = {"none", "lower-case", "cached-time", "recv-per-command", "no-bye-reply"})
    void shouldFindExactlyTheDefectOfAStudentServer(String defect) throws Exception {
        Report report = grade(defect);

        assertThat(notPassed(report)).as(() -> defect + " graded; details: " + details(report))
                .isEqualTo(expected(defect));
    }

    private static Map<String, Outcome> expected(String defect) {
        return switch (defect) {
            case "none" -> Map.of();
            // no other case sends an upper-case letter in an argument
            case "lower-case" -> Map.of("server/5.1/greeting-verbatim", Outcome.FAIL,
                    "server/5.4/echo-verbatim", Outcome.FAIL);
            // started by the checker, its cached time is within the tolerance of time-now for the whole run
            case "cached-time" -> Map.of("server/5.2/time-advances", Outcome.FAIL);
            // what arrives in one segment runs together, and every CR before the LF is stripped (rstrip); every
            // other case that sends one request at a time passes, reply-crlf included
            case "recv-per-command" -> Map.of("server/2/pipelining", Outcome.FAIL,
                    "server/2/split-request", Outcome.FAIL, "server/2/cr-cr-lf", Outcome.FAIL,
                    "server/6/session-continues", Outcome.FAIL, "server/4/nothing-after-bye", Outcome.FAIL,
                    "server/7/line-too-long", Outcome.WARN, "server/7/endless-line", Outcome.WARN);
            // the goodbye is missing, and nothing else: reply-crlf sends no BYE
            case "no-bye-reply" -> Map.of("server/4/bye-any-state", Outcome.FAIL, "server/4/bye-closes", Outcome.FAIL,
                    "server/4/nothing-after-bye", Outcome.FAIL, "server/5.6/goodbye", Outcome.FAIL);
            default -> throw new IllegalArgumentException(defect);
        };
    }

    @Test
    void shouldNameTheRequestAfterWhichTheServerDied() throws Exception {
        Report report = grade("dies-on-unknown");

        // the first case that sends an unknown command is server/4/invalid-keeps-state, with "FOO"
        CaseResult killer = result(report, "server/4/invalid-keeps-state");
        assertThat(killer.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(killer.detail()).contains("the server under test exited with status 1")
                .contains("after the request \"FOO\\r\\n\" (server/4/invalid-keeps-state)");
        CaseResult later = result(report, "server/6/unknown-command");
        assertThat(later.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(later.detail()).startsWith("not run: the server under test exited with status 1")
                .contains("after the request \"FOO\\r\\n\" (server/4/invalid-keeps-state)");
        assertThat(report.results()).noneMatch(r -> r.detail().contains("Connection refused"));
        assertThat(report.results().stream().filter(r -> r.outcome() == Outcome.PASS).count())
                .as("the cases before it pass").isGreaterThan(5);
    }

    @Test
    void shouldSayThatTheReadinessProbeKilledAServerThatDiesWhenAClientLeaves() throws Exception {
        Report report = grade("dies-on-disconnect");

        assertThat(report.results()).filteredOn(r -> !r.testCase().slow()).isNotEmpty().allSatisfy(r -> assertThat(r.detail()).contains(
                "exited with status 1 right after the checker's readiness probe, which connected and closed without"
                        + " sending a line"));
    }

    @Test
    void shouldShowTheExchangeOfACaseThatDidNotPass() throws Exception {
        Report report = grade("lower-case");

        assertThat(result(report, "server/5.4/echo-verbatim").transcript()).containsExactly(
                "1= connected to 127.0.0.1:" + report.target().replaceAll(".*:", ""),
                "1> \"HELO checker\\r\\n\"", "1< \"Hello checker, pleased to meet you.\\r\\n\"",
                "1> \"ECHO Hello World, 42 TIMES!\\r\\n\"", "1< \"hello world, 42 times!\\r\\n\"");
        assertThat(result(report, "server/5.1/greeting").transcript()).as("only what did not pass").isEmpty();
    }

    @Test
    void shouldGradeExactlyWhatTheAssignmentAsksUnderItsProfile() throws Exception {
        // a classroom server: all the assignment asks, none of PROTOCOL.md's error replies or limits
        Report report = grade(List.of("python3", Submissions.resource("/servers/classroom_server.py").toString()), true);

        assertThat(report.failed()).as(() -> details(report).toString()).isFalse();
        assertThat(notPassed(report.counted())).as("the assignment's cases; the port is the test's own")
                .isEqualTo(Map.of("server/assignment/port-8008", Outcome.SKIPPED));
        assertThat(report.counted()).extracting(r -> r.testCase().id()).contains("server/5.1/greeting",
                "server/5.2/time-advances", "server/4/bye-closes", "server/assignment/informational-messages")
                .doesNotContain("server/6/empty-line", "server/7/concurrent-clients");
        Map<String, Outcome> beyond = new LinkedHashMap<>(notPassed(report.results().stream()
                .filter(CaseResult::beyond).toList()));
        beyond.remove("server/5.5/reqip-ipv6"); // it listens on 127.0.0.1 only; skipped or not by the machine
        assertThat(beyond).isEqualTo(Map.ofEntries(Map.entry("server/6/empty-line", Outcome.FAIL),
                Map.entry("server/6/bad-argument", Outcome.FAIL), Map.entry("server/6/helo-without-name", Outcome.FAIL),
                Map.entry("server/6/bad-character", Outcome.FAIL), Map.entry("server/6/invalid-utf8", Outcome.FAIL),
                Map.entry("server/2.1/request-without-line-end", Outcome.WARN),
                Map.entry("server/7/line-too-long", Outcome.WARN), Map.entry("server/7/endless-line", Outcome.WARN),
                Map.entry("server/7/error-limit", Outcome.WARN), Map.entry("server/5.1/hostname-one-word", Outcome.FAIL),
                Map.entry("server/5.1/hostname-length", Outcome.FAIL),
                Map.entry("server/5.1/hostname-invisible", Outcome.FAIL), Map.entry("server/2/lone-cr", Outcome.FAIL),
                Map.entry("server/2/cr-cr-lf", Outcome.FAIL), Map.entry("server/3/trailing-space", Outcome.FAIL),
                Map.entry("server/5.4/echo-without-space", Outcome.FAIL),
                Map.entry("server/6/control-characters", Outcome.FAIL),
                Map.entry("server/6/invalid-utf8-forms", Outcome.FAIL), Map.entry("server/6/check-order", Outcome.FAIL),
                Map.entry("server/6/wrong-protocol", Outcome.WARN)));
        assertThat(TextReport.summary(report)).contains(": conforms (every MUST passed); beyond the assignment, ");
        assertThat(result(report, "server/7/error-limit").detail()).as("known by one more request, not a timeout")
                .isEqualTo("it answered \"ECHO past the error limit\" after 10 error replies, instead of \"ERR"
                        + " too-many-errors ...\" and a close");
    }

    /** Starts the student server with {@code defect} on a free port and grades it as {@code server -- ...} does. */
    private static Report grade(String defect) throws IOException {
        return grade(List.of("python3", SERVER.toString(), defect), false);
    }

    private static Report grade(List<String> command, boolean assignment) throws IOException {
        int port = freePort();
        try (ServerUnderTest server = ServerUnderTest.start(Sandbox.plainIn(Path.of(".")), command, "127.0.0.1", port,
                Duration.ofSeconds(15), null, Limits.DEFAULTS.outputBytes())) {
            ServerTarget target = new ServerTarget("127.0.0.1", port, Duration.ofSeconds(3), Duration.ofMillis(500),
                    ZoneId.systemDefault(), Duration.ofSeconds(300), 1000, 10, command, false, null,
                    server::lastOutput);
            return Runner.run("127.0.0.1:" + port, "server", ServerCases.all(), target,
                    new Selection(List.of(), Map.of(), true, assignment), c -> Duration.ofSeconds(30), r -> { },
                    server::goneWithin, Budget.unlimited());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    private static CaseResult result(Report report, String id) {
        return report.results().stream().filter(r -> r.testCase().id().equals(id)).findFirst().orElseThrow();
    }

    /** What did not pass; IPv6 aside, which depends on the machine's loopback. */
    private static Map<String, Outcome> notPassed(Report report) {
        return notPassed(report.results());
    }

    private static Map<String, Outcome> notPassed(List<CaseResult> results) {
        return results.stream().filter(r -> r.outcome() != Outcome.PASS)
                .filter(r -> !(r.testCase().id().equals("server/5.5/reqip-ipv6") && r.outcome() == Outcome.SKIPPED))
                .filter(r -> !r.testCase().slow())
                .collect(Collectors.toMap(r -> r.testCase().id(), CaseResult::outcome, (a, b) -> a, LinkedHashMap::new));
    }

    private static List<String> details(Report report) {
        return report.results().stream().filter(r -> r.outcome() != Outcome.PASS)
                .map(r -> r.testCase().id() + ": " + r.detail()).toList();
    }
}
