package io.helo.conformance;

import io.helo.server.config.Listening;
import io.helo.server.config.Timeouts;
import static org.assertj.core.api.Assertions.assertThat;

import io.helo.conformance.DefectProxy.Defect;
import io.helo.server.testing.LoopbackServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server cases graded against this project's server, and against broken servers with one defect each. */
class ServerCasesTest {
    private LoopbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldPassEveryCaseAgainstThisServer() throws Exception {
        server = dualStackServer();
        ServerTarget target = target("localhost", server.port(), Duration.ofSeconds(3), Duration.ofSeconds(2));

        Report report = run(target, false);

        assertThat(notPassed(report)).as("every case, MUST and SHOULD, IPv6 and slow ones included").isEmpty();
        assertThat(report.results()).hasSize((int) ServerCases.all().stream()
                .filter(c -> !c.tags().contains(Case.ASSIGNMENT_PROFILE)).count());
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void shouldFindExactlyTheDefectOfABrokenServer(Defect defect) throws Exception {
        server = LoopbackServer.start();
        try (DefectProxy broken = DefectProxy.start(server.address(), defect)) {
            ServerTarget target = target("127.0.0.1", broken.port(), Duration.ofSeconds(2), Duration.ofSeconds(300));

            Report report = run(target, true);

            Map<String, Outcome> expected = new LinkedHashMap<>(Map.of(
                    "server/5.5/reqip-ipv6", Outcome.SKIPPED, // the broken servers listen on IPv4 only
                    "server/7/idle-timeout", Outcome.SKIPPED)); // --skip-slow
            expected.putAll(findings(defect));
            assertThat(notPassed(report)).as(() -> defect + " graded; details: " + report.results().stream()
                    .filter(r -> r.outcome() != Outcome.PASS).map(r -> r.testCase().id() + ": " + r.detail()).toList())
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldShowAClockOffByFiveHoursAndAHalfAsTheZoneOffsetItIs() throws Exception {
        server = LoopbackServer.start();
        try (DefectProxy broken = DefectProxy.start(server.address(), Defect.ZONE_PLUS_0530)) {
            ServerTarget assumed = target("127.0.0.1", broken.port(), Duration.ofSeconds(2), Duration.ofSeconds(300));
            ServerTarget named = new ServerTarget("127.0.0.1", broken.port(), Duration.ofSeconds(2),
                    Duration.ofMillis(500), ZoneId.systemDefault(), Duration.ofSeconds(300), 1000, 10, List.of(), true,
                    null);

            String detail = detail(assumed, "server/5.2/time-now");
            String withZone = detail(named, "server/5.2/time-now");

            assertThat(detail).matches("got \\d\\d:\\d\\d:\\d\\d, \\+05:30 from the checker's .*: another time zone\\?"
                    + " \\(name the server's with --zone\\)").doesNotContain("19800");
            assertThat(withZone).endsWith(": another time zone?").doesNotContain("--zone");
        }
    }

    private static String detail(ServerTarget target, String id) {
        return Runner.run("proxy", "server", ServerCases.all(), target, new Selection(List.of(id), Map.of(), true),
                c -> Duration.ofSeconds(30), r -> { }).results().get(0).detail();
    }

    private static Map<String, Outcome> findings(Defect defect) {
        return switch (defect) {
            case BARE_LF -> Map.of("server/2/reply-crlf", Outcome.FAIL);
            // without line ends, replies sent back to back cannot be told apart, and an empty one cannot be seen
            case NO_LINE_ENDS -> Map.of("server/2/reply-crlf", Outcome.FAIL, "server/2/pipelining", Outcome.FAIL,
                    "server/6/session-continues", Outcome.FAIL, "server/5.4/echo-empty", Outcome.FAIL,
                    "server/7/endless-line", Outcome.WARN, "server/7/error-limit", Outcome.WARN);
            case TWELVE_HOUR_TIME -> Map.of("server/5.2/time-format", Outcome.FAIL,
                    "server/5.2/time-now", Outcome.SKIPPED, "server/5.2/time-advances", Outcome.SKIPPED);
            case ZONE_PLUS_0530 -> Map.of("server/5.2/time-now", Outcome.FAIL);
            case DAY_FIRST_DATE, IMPOSSIBLE_DATE -> Map.of("server/5.3/date-format", Outcome.FAIL,
                    "server/5.3/date-today", Outcome.SKIPPED);
            case ECHO_TRIMS -> Map.of("server/3/first-space", Outcome.FAIL, "server/5.4/echo-whitespace", Outcome.FAIL);
            case REQIP_WITH_PORT -> Map.of("server/5.5/reqip", Outcome.FAIL);
            // a half-closed client still sees the close: such a server closes when it reads the end of the stream
            case NEVER_CLOSES -> Map.of("server/4/bye-closes", Outcome.FAIL, "server/4/nothing-after-bye", Outcome.FAIL,
                    "server/7/endless-line", Outcome.WARN, "server/7/error-limit", Outcome.WARN,
                    "server/6/wrong-protocol", Outcome.WARN);
            // its own HELO comes first, so the checker's HTTP request line is not the connection's first line
            case NO_HELO_RULE -> Map.of("server/4/helo-first", Outcome.FAIL, "server/4/helo-required", Outcome.FAIL,
                    "server/6/wrong-protocol", Outcome.WARN);
            case CASE_SENSITIVE -> Map.of("server/3/case-insensitive", Outcome.FAIL);
            case DROPS_ON_UNKNOWN -> Map.of("server/4/invalid-keeps-state", Outcome.FAIL,
                    "server/6/session-continues", Outcome.FAIL, "server/7/error-limit", Outcome.WARN);
            case ONE_AT_A_TIME -> Map.of("server/7/concurrent-clients", Outcome.WARN);
        };
    }

    private static Report run(ServerTarget target, boolean skipSlow) {
        return Runner.run(target.host() + ":" + target.port(), "server", ServerCases.all(), target,
                new Selection(List.of(), Map.of(), skipSlow), c -> Duration.ofSeconds(30), r -> { });
    }

    private static Map<String, Outcome> notPassed(Report report) {
        return report.results().stream().filter(r -> r.outcome() != Outcome.PASS)
                .collect(Collectors.toMap(r -> r.testCase().id(), CaseResult::outcome, (a, b) -> a, LinkedHashMap::new));
    }

    private static ServerTarget target(String host, int port, Duration timeout, Duration idle) {
        return new ServerTarget(host, port, timeout, Duration.ofMillis(500), ZoneId.systemDefault(), idle, 1000, 10, List.of());
    }

    /** This server on one free port of both loopback addresses, with a short idle timeout for the slow case. */
    private static LoopbackServer dualStackServer() throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
                port = probe.getLocalPort();
            }
            List<InetAddress> both = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
            try {
                return LoopbackServer.start(b -> b.set(Timeouts.IDLE_TIMEOUT, Duration.ofSeconds(2))
                        .set(Listening.BIND, both).set(Listening.PORT, port));
            } catch (IOException taken) { // the port was free on ::1 but not on 127.0.0.1
                if (attempt == 5) {
                    throw taken;
                }
            }
        }
    }
}
