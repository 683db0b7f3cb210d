package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Servers and clients in Node.js, C and Java as students write them, each a folder as {@code batch} takes it (built
 * and run as its {@code helo.toml} or its file names say), graded as {@code batch} grades a submission, each verdict
 * held against the one in its {@code expected.txt}, written before it was graded.
 */
class StudentProgramsTest {
    private static final Path STUDENTS = Submissions.resource("/students");

    @TempDir
    Path dir;

    static Stream<String> folders() throws IOException {
        try (Stream<Path> folders = Files.list(STUDENTS)) {
            return folders.filter(Files::isDirectory).map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("folders")
    void shouldGiveEveryStudentProgramTheVerdictExpectedOfIt(String folder) throws Exception {
        Expected expected = Expected.read(STUDENTS.resolve(folder).resolve("expected.txt"));

        BatchSelection cases = new BatchSelection(List.of(), List.of(), List.of(), "assignment", false);
        Graded graded = SubmissionGrader.grade(folder, STUDENTS.resolve(folder), Files.createDirectories(dir.resolve(
                "out")), new SubmissionGrader.Settings(freePort(), Duration.ofSeconds(20), Duration.ofSeconds(60),
                        Duration.ofSeconds(120), cases, new Sandbox(Sandbox.Kind.NONE, Limits.DEFAULTS)));

        assertThat(graded.notGradable()).isNull();
        Report report = expected.role().equals("server") ? graded.server() : graded.client();
        assertThat(report).as(() -> graded.summary()).isNotNull();
        assertThat(notPassed(report)).as(() -> folder + " graded; details: " + details(report))
                .isEqualTo(expected.notPassed());
        assertThat(graded.verdict(expected.role())).isEqualTo(expected.verdict());
    }

    /** What expected.txt says: the program's role and verdict, and each case that fails or warns. */
    private record Expected(String role, String verdict, Map<String, Outcome> notPassed) {
        static Expected read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
            String[] first = lines.get(0).split(" ");
            Map<String, Outcome> notPassed = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] words = line.split(" ");
                notPassed.put(words[1], Outcome.valueOf(words[0].toUpperCase(java.util.Locale.ROOT)));
            }
            return new Expected(first[0], first[1], notPassed);
        }
    }

    /** The cases that failed or warned; skipped ones (the port is the test's own, IPv6 the machine's) aside. */
    private static Map<String, Outcome> notPassed(Report report) {
        return report.results().stream().filter(r -> r.outcome() == Outcome.FAIL || r.outcome() == Outcome.WARN)
                .collect(Collectors.toMap(r -> r.testCase().id(), CaseResult::outcome, (a, b) -> a, TreeMap::new));
    }

    private static List<String> details(Report report) {
        return report.results().stream().filter(r -> r.outcome() == Outcome.FAIL || r.outcome() == Outcome.WARN)
                .map(r -> r.testCase().id() + ": " + r.detail()).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
