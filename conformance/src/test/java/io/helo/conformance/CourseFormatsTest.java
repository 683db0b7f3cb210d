package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scores from a rubric in every report, and the course platforms' results files (Gradescope's, PrairieLearn's), each
 * checked against a JSON Schema written from the platform's documentation; the shipped autograder scripts run
 * against a fake layout of each platform.
 */
class CourseFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COURSE = Path.of("..", "docs", "course").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final Case<Object> GREETING = new Case<>("server/5.1/greeting", "5.1", Level.MUST, "Greets.",
            Set.of(), t -> Verdict.met());
    private static final Case<Object> CRLF = new Case<>("server/2/reply-crlf", "2", Level.MUST, "CRLF.",
            "end replies with CR LF", Set.of(), t -> Verdict.notMet("got \"Hello\\n\""));
    private static final Case<Object> LIMIT = new Case<>("server/7/error-limit", "7", Level.SHOULD, "Limits.",
            Set.of(), t -> Verdict.notMet("no reply within 3 s"));
    private static final Case<Object> IPV6 = new Case<>("server/5.5/reqip-ipv6", "5.5", Level.MUST, "IPv6.",
            Set.of("ipv6"), t -> Verdict.notApplicable("no IPv6"));

    private static final Selection ALL = new Selection(List.of(), Map.of(), false);
    private final Report report = Runner.run("127.0.0.1:8008", "server", List.of(GREETING, CRLF, LIMIT, IPV6),
            new Object(), ALL, c -> Duration.ofSeconds(5), r -> { });

    @Test
    void shouldScoreEachCaseByTheMostSpecificEntryOfTheRubric() throws Exception {
        Rubric rubric = rubric("""
                warn = 0.5
                [levels]
                MUST = 2
                SHOULD = 4
                [sections]
                "server/2" = 3
                "server/2/reply-*" = 7
                [cases]
                "server/5.1/greeting" = 10
                [visibility]
                default = "after_due_date"
                "server/7" = "hidden"
                """);

        Score score = rubric.score(report, ALL);

        assertThat(score.item("server/5.1/greeting")).extracting(Score.Item::points, Score.Item::maximum,
                Score.Item::visibility).containsExactly(10.0, 10.0, "after_due_date");
        assertThat(score.item("server/2/reply-crlf")).as("the longest pattern wins; a failure earns nothing")
                .extracting(Score.Item::points, Score.Item::maximum).containsExactly(0.0, 7.0);
        assertThat(score.item("server/7/error-limit")).as("a warning earns the rubric's share")
                .extracting(Score.Item::points, Score.Item::maximum, Score.Item::visibility)
                .containsExactly(2.0, 4.0, "hidden");
        assertThat(score.item("server/5.5/reqip-ipv6")).as("not applicable: nothing of its points")
                .extracting(Score.Item::points, Score.Item::maximum).containsExactly(0.0, 2.0);
        assertThat(score.points()).isEqualTo(12.0);
        assertThat(score.maximum()).isEqualTo(23.0);
        Selection excluding = new Selection(List.of(), Map.of("server/5.5/reqip-ipv6", "no IPv6 in the lab"), false);
        assertThat(rubric.score(report, excluding).maximum()).as("excluded: out of the maximum").isEqualTo(21.0);
    }

    static Stream<Arguments> wrongRubrics() {
        return Stream.of(
                Arguments.of("points = 3", "unknown setting \"points\""),
                Arguments.of("[cases]\n\"server/5.1/greting\" = 3", "[cases] names no case: \"server/5.1/greting\""),
                Arguments.of("[sections]\n\"server/99\" = 3", "[sections] names no case: \"server/99\""),
                Arguments.of("[levels]\nMUST = -1", "levels.MUST must be a number from 0 to 10000"),
                Arguments.of("[levels]\nOPTIONAL = 1", "[levels] takes MUST, SHOULD and MAY"),
                Arguments.of("warn = 2", "warn must be a number from 0 to 1"),
                Arguments.of("[visibility]\n\"server/5\" = \"secret\"", "visibility.server/5 must be one of"
                        + " after_due_date, after_published, hidden, visible"),
                Arguments.of("profile = \"exam\"", "profile must be \"protocol\" or \"assignment\""),
                Arguments.of("[cases", "is not TOML"));
    }

    @ParameterizedTest
    @MethodSource("wrongRubrics")
    void shouldRefuseARubricThatWouldGradeSilentlyWrong(String text, String message) throws IOException {
        Path file = dir.resolve("rubric.toml");
        Files.writeString(file, text);

        assertThatThrownBy(() -> Rubric.read(file)).isInstanceOf(Rubric.InvalidRubricException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldShipADefaultRubricOfTenPointsPerCommandOfTheAssignment() {
        Rubric rubric = Rubric.standard();
        Selection batch = new Selection(List.of(), Map.of(), true, true);

        assertThat(rubric.maximum(ServerCases.all(), batch)).as("six commands, and three rules of 5").isEqualTo(75.0);
        assertThat(rubric.maximum(ClientCases.all(), batch)).as("HELO, and the client's rules").isEqualTo(50.0);
        assertThat(rubric.profile()).as("--profile decides").isNull();
    }

    @Test
    void shouldPutTheScoreInTheJsonJunitAndHtmlReports() throws Exception {
        Score score = Rubric.standard().score(report, ALL);
        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");
        Path html = dir.resolve("report.html");

        JsonReport.write(report, score, json);
        JunitReport.write(report, score, junit);
        HtmlReport.write(report, score, html);

        // greeting 5 (the rubric's), CRLF a MUST (1), the limit a SHOULD (0.5), IPv6 a MUST (1) that did not apply
        assertThat(score.points()).isEqualTo(5.0);
        assertThat(score.maximum()).isEqualTo(7.5);
        JsonNode tree = JSON.readTree(json.toFile());
        assertThat(tree.at("/score/points").asDouble()).isEqualTo(5.0);
        assertThat(tree.at("/score/maximum").asDouble()).isEqualTo(7.5);
        assertThat(tree.at("/cases/1/maxPoints").asDouble()).isEqualTo(1.0);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit-surefire.xsd")).newValidator()
                .validate(new StreamSource(junit.toFile()));
        assertThat(Files.readString(junit)).contains("<properties><property name=\"score\" value=\"5\"/>"
                + "<property name=\"maximum\" value=\"7.5\"/></properties>");
        assertThat(Files.readString(html)).contains("<p class=\"score\">Score: 5 of 7.5 points</p>");
    }

    @Test
    void shouldWriteCourseResultsThatTheirSchemasAccept() throws Exception {
        Rubric rubric = rubric("""
                [visibility]
                "server/7" = "after_published"
                """);
        List<CoursePart> parts = List.of(new CoursePart("server", report, null, rubric.score(report, ALL)));
        Path gradescope = dir.resolve("gradescope.json");
        Path prairielearn = dir.resolve("prairielearn.json");

        GradescopeResults.write(gradescope, parts, null, 2_400);
        PrairieLearnResults.write(prairielearn, parts, null);

        JsonNode gs = valid(gradescope, "gradescope");
        assertThat(gs.get("score").asDouble()).isEqualTo(1.0);
        assertThat(gs.get("execution_time").asInt()).isEqualTo(2);
        assertThat(gs.get("tests")).hasSize(4);
        JsonNode crlf = gs.get("tests").get(1);
        assertThat(crlf.get("name").asText()).isEqualTo("server/2/reply-crlf");
        assertThat(crlf.get("max_score").asDouble()).isEqualTo(1.0);
        assertThat(crlf.get("score").asDouble()).isZero();
        assertThat(crlf.get("output").asText()).startsWith("fail: got \"Hello\\n\"\nrequirement: MUST (PROTOCOL.md 2):"
                + " CRLF.\nhint: end replies with CR LF");
        assertThat(gs.get("tests").get(2).get("visibility").asText()).isEqualTo("after_published");
        JsonNode pl = valid(prairielearn, "prairielearn");
        assertThat(pl.get("gradable").asBoolean()).isTrue();
        assertThat(pl.get("score").asDouble()).isEqualTo(1.0 / 3.5);
        assertThat(pl.get("points").asDouble()).isEqualTo(1.0);
        assertThat(pl.get("max_points").asDouble()).isEqualTo(3.5);
        assertThat(pl.get("tests")).as("only what the rubric shows now").hasSize(3);
        assertThat(pl.get("message").asText()).contains("1 cases not shown: 0 of 0.5 points");
    }

    @Test
    void shouldStayUnderPrairieLearnsMegabyteWhateverTheTranscripts() throws Exception {
        List<String> huge = Collections.nCopies(3_000, "1< \"" + "x".repeat(150) + "\"");
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            results.add(new CaseResult(CRLF, Outcome.FAIL, "got it wrong " + i, 1, huge));
        }
        Report big = new Report("x", "server", report.started(), 1, results);
        List<CoursePart> parts = List.of(new CoursePart("server", big, null, Rubric.standard().score(big, ALL)));
        Path prairielearn = dir.resolve("prairielearn.json");
        Path gradescope = dir.resolve("gradescope.json");

        PrairieLearnResults.write(prairielearn, parts, null);
        GradescopeResults.write(gradescope, parts, null, 1);

        assertThat(Files.size(prairielearn)).isLessThan(CourseOutput.MAX_BYTES);
        assertThat(Files.size(gradescope)).isLessThan(CourseOutput.MAX_BYTES);
        assertThat(valid(prairielearn, "prairielearn").at("/tests/0/output").asText()).contains("more characters cut");
        valid(gradescope, "gradescope");
    }

    @Test
    void shouldCallAServerThatNeverStartedNotGradableRatherThanZero() throws Exception {
        Path gradescope = dir.resolve("gradescope.json");
        Path prairielearn = dir.resolve("prairielearn.json");

        int status = run("server", "--port", String.valueOf(freePort()), "--start-timeout", "5", "--gradescope",
                gradescope.toString(), "--prairielearn", prairielearn.toString(), "--", "sh", "-c", "exit 3");

        assertThat(status).isEqualTo(ConformanceMain.UNUSABLE);
        JsonNode pl = valid(prairielearn, "prairielearn");
        assertThat(pl.get("gradable").asBoolean()).isFalse();
        assertThat(pl.get("format_errors").get(0).asText()).startsWith("the server could not be run: it did not"
                + " start: ");
        assertThat(pl.get("max_points").asDouble()).as("what it could have earned").isPositive();
        JsonNode gs = valid(gradescope, "gradescope");
        assertThat(gs.get("output").asText()).startsWith("NOT GRADED: the server could not be run: it did not start");
        assertThat(gs.get("tests")).isEmpty();
    }

    @Test
    void shouldScoreAClientRunAndWriteEveryFormat() throws Exception {
        Path json = dir.resolve("client.json");
        Path gradescope = dir.resolve("gradescope.json");
        Path prairielearn = dir.resolve("prairielearn.json");

        int status = run("client", "--port", "0", "--profile", "assignment", "--json", json.toString(),
                "--gradescope", gradescope.toString(), "--prairielearn", prairielearn.toString(), "--", "python3",
                Submissions.resource("/clients/broken_client.py").toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ConformanceMain.CONFORMS);
        String text = out.toString(StandardCharsets.UTF_8);
        double points = JSON.readTree(json.toFile()).at("/score/points").asDouble();
        double maximum = JSON.readTree(json.toFile()).at("/score/maximum").asDouble();
        assertThat(text).contains("\nscore: " + Points.show(points) + " of " + Points.show(maximum)
                + " points (the default rubric)\n");
        assertThat(valid(gradescope, "gradescope").get("score").asDouble()).isEqualTo(points);
        assertThat(valid(prairielearn, "prairielearn").get("points").asDouble()).isEqualTo(points);
    }

    @Test
    void shouldWriteTheGradebookAndAResultsFilePerSubmission() throws Exception {
        Submissions submissions = new Submissions(dir.resolve("submissions")).correctPython("correct")
                .correctClient("=client-only");
        Files.createDirectories(submissions.folder().resolve("nothing"));
        Files.writeString(submissions.folder().resolve("nothing/README.md"), "my programs are on my laptop");
        Path gradebook = dir.resolve("gradebook.csv");

        int status = run("batch", "--sandbox", "none", "--port", String.valueOf(freePort()), "--out",
                dir.resolve("logs").toString(), "--gradebook", gradebook.toString(), "--gradescope-dir",
                dir.resolve("gs").toString(), "--prairielearn-dir", dir.resolve("pl").toString(),
                submissions.folder().toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ConformanceMain.DOES_NOT_CONFORM);
        List<List<String>> cells = Submissions.cells(gradebook);
        assertThat(cells.get(0)).containsExactly("submission", "score", "maximum", "verdict");
        // on another port than 8008 the client's port-8008 case does not apply: none of its 5 points; a program
        // missing, or a submission not gradable, scores nothing of everything it could have earned
        assertThat(cells.get(1)).as("a name a spreadsheet would evaluate is quoted")
                .containsExactly("'=client-only", "45", "125", "conforms");
        assertThat(cells.get(2)).as("the server's port-8008 case too").containsExactly("correct", "115", "125",
                "conforms");
        assertThat(cells.get(3)).containsExactly("nothing", "0", "125", "not gradable");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\n=client-only: score 45 of 125 (the default"
                + " rubric)\n");
        for (String name : List.of("correct", "=client-only", "nothing")) {
            valid(dir.resolve("gs").resolve(name + ".json"), "gradescope");
            valid(dir.resolve("pl").resolve(name + ".json"), "prairielearn");
        }
        assertThat(JSON.readTree(dir.resolve("pl/nothing.json").toFile()).get("gradable").asBoolean()).isFalse();
        assertThat(JSON.readTree(dir.resolve("pl/=client-only.json").toFile()).get("gradable").asBoolean())
                .as("a program not submitted is graded: none of its points").isTrue();
    }

    @Test
    void shouldRunTheGradescopeAutograderInAFakeLayout() throws Exception {
        Path root = dir.resolve("autograder");
        Files.createDirectories(root.resolve("source"));
        Files.copy(COURSE.resolve("gradescope/run_autograder"), root.resolve("source/run_autograder"));
        Files.copy(Submissions.resource("/servers/helo_server.py"), Files.createDirectories(
                root.resolve("submission")).resolve("server.py"));

        script(COURSE.resolve("gradescope/setup.sh"), Map.of("AUTOGRADER", root.toString()));
        script(root.resolve("source/run_autograder"), Map.of("AUTOGRADER", root.toString()));

        JsonNode results = valid(root.resolve("results/results.json"), "gradescope");
        assertThat(results.get("tests").size()).isGreaterThan(10);
        assertThat(results.get("output").asText()).contains("server: server submission:")
                .contains("client: none submitted");
    }

    @Test
    void shouldRunThePrairieLearnGraderInAFakeLayout() throws Exception {
        Path root = dir.resolve("grade");
        Path student = Files.createDirectories(root.resolve("student"));
        Files.copy(Submissions.resource("/clients/broken_client.py"), student.resolve("client.py"));
        JsonNode info = JSON.readTree(COURSE.resolve("prairielearn/info.json").toFile());
        assertThat(info.at("/externalGradingOptions/entrypoint").asText())
                .isEqualTo("/grade/serverFilesCourse/helo/run.sh");

        script(COURSE.resolve("prairielearn/run.sh"), Map.of("GRADE", root.toString()));

        JsonNode results = valid(root.resolve("results/results.json"), "prairielearn");
        assertThat(results.get("gradable").asBoolean()).isTrue();
        // the server none submitted: none of its 75 points; the client 45 of its 50 (port-8008 does not apply here)
        assertThat(results.get("max_points").asDouble()).isEqualTo(125.0);
        assertThat(results.get("points").asDouble()).isEqualTo(45.0);
    }

    private void script(Path script, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("HELO_CHECKER", String.join(" ", checker()));
        builder.environment().put("HELO_BATCH_OPTIONS", "--port " + freePort());
        Process process = builder.start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("script.log"))).isZero();
    }

    /** This checker, as a command line. */
    private static List<String> checker() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ConformanceMain.class.getName());
    }

    private JsonNode valid(Path file, String platform) throws IOException {
        JsonNode tree = JSON.readTree(file.toFile());
        try (InputStream schemaText = getClass().getResourceAsStream("/schemas/" + platform
                + "-results.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText);
            Set<ValidationMessage> problems = schema.validate(tree);
            assertThat(problems).as(file + " against " + platform + "'s schema").isEmpty();
        }
        return tree;
    }

    private Rubric rubric(String text) throws Exception {
        Path file = dir.resolve("rubric-" + System.nanoTime() + ".toml");
        Files.writeString(file, text);
        return Rubric.read(file);
    }

    private int run(String... args) {
        return ConformanceMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
