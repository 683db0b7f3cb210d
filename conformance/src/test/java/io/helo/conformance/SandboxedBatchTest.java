package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile submissions (src/test/resources/submissions, each an attack on the checker) graded by {@code batch}
 * beside correct ones in several languages, two at a time, each in its sandbox: every attack costs only its own
 * grade. One batch is graded for the class; each test checks one promise of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxedBatchTest {
    private static final int BUDGET_SECONDS = 30;
    private static final List<String> HOSTILE = List.of("snoop", "daemon", "killer", "flood", "forks", "endless",
            "drip", "silent", "manifest-typo");
    /** Folder names as they come from user names: formulas a spreadsheet would evaluate, a line break. */
    private static final List<String> FORMULAS = List.of("=1+1", "+1+1", "@SUM(1+1)*cmd|' ", "-2+3");
    private static final String TWO_LINES = "new\nline";
    private static final List<String> CORRECT = List.of("correct-python", "java-reference", "c-client", "node-client",
            "nested", "victim");

    @TempDir
    static Path dir;
    /** What every process an attack leaves carries (15 characters, as a process name may hold). */
    private final String marker = "hostile" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private Submissions submissions;
    private Path reports;
    private Path csv;
    private Path html;
    private Path home;
    private Map<String, String> submitted;
    private int status;
    private String printed;
    private Map<String, Map<String, String>> rows;

    @BeforeAll
    void gradeTheClass() throws IOException {
        Requires.sandboxes();
        Requires.program("node", "nodejs");
        Requires.program("gcc", "gcc");
        submissions = new Submissions(dir.resolve("submissions"));
        submissions.correctPython("correct-python").correctPython("victim")
                .add("java-reference", Map.of("server.jar", jar("server"), "client.jar", jar("client")))
                .add("c-client", Map.of("helo_client.c", Submissions.resource("/clients/helo_client.c"), "helo.toml",
                        Files.writeString(dir.resolve("c.toml"), "build = \"gcc -O2 -o client helo_client.c\"\n"
                                + "client = \"./client\"\n")))
                .add("node-client", Map.of("client.js", Submissions.resource("/clients/helo_client.js")))
                .add("nested", Map.of("hw1/server.py", Submissions.resource("/servers/helo_server.py")))
                .add("nothing", Map.of("README.txt", Submissions.resource("/submissions/README.md")))
                .add("c-broken", Map.of("helo_client.c", Files.writeString(dir.resolve("broken.c"), Files.readString(
                        Submissions.resource("/clients/helo_client.c")).replace("return 0;", "return 0")), "helo.toml",
                        dir.resolve("c.toml")));
        for (String name : HOSTILE) {
            submissions.hostile(name, marker);
        }
        for (String name : FORMULAS) {
            submissions.correctClient(name);
        }
        submissions.correctClient(TWO_LINES);
        home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("grades.txt"), "the instructor's own file");
        submitted = submissions.digests();
        reports = dir.resolve("logs");
        csv = dir.resolve("helo-report.csv");
        html = dir.resolve("helo-report.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        status = ConformanceMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "batch", "--jobs",
                "2", "--time-budget", String.valueOf(BUDGET_SECONDS), "--out", reports.toString(), "--csv",
                csv.toString(), "--html", html.toString(), submissions.folder().toString());

        printed = out.toString(StandardCharsets.UTF_8);
        rows = Submissions.rows(csv);
    }

    @Test
    void shouldKeepTheVerdictsOfCorrectSubmissionsBesideHostileOnes() {
        for (String name : CORRECT) {
            Map<String, String> row = rows.get(name);
            assertThat(row).as(name).isNotNull();
            assertThat(row.get("notes")).as(name).isEmpty();
            row.forEach((column, outcome) -> {
                // the robustness cases are PROTOCOL.md's, beyond the assignment: its classroom clients go on after
                // "ERR busy" and wait for line ends, without changing their verdict
                if (column.contains("/") && !column.equals("client/6/busy-ends-session")
                        && !column.equals("client/2.1/replies-without-line-ends")) {
                    assertThat(outcome).as(name + " " + column).isIn("pass", "skipped", "");
                }
            });
        }
        assertThat(List.of(rows.get("correct-python").get("server"), rows.get("java-reference").get("server"),
                rows.get("nested").get("server"), rows.get("victim").get("server"))).containsOnly("conforms");
        assertThat(List.of(rows.get("correct-python").get("client"), rows.get("java-reference").get("client"),
                rows.get("c-client").get("client"), rows.get("node-client").get("client"), rows.get("victim").get("client")))
                .containsOnly("conforms");
        assertThat(rows.get("victim").get("server/5.1/greeting")).isEqualTo("pass");
        assertThat(rows.get("correct-python").get("server/7/idle-timeout")).as("slow, not asked for").isEqualTo("skipped");
        assertThat(printed).contains("correct-python: server conforms (15 pass, 0 fail, 0 warn; beyond the assignment"
                + " 43 pass, 0 fail, 0 warn); client conforms (9 pass, 0 fail, 0 warn; beyond the assignment 4 pass, 1"
                + " fail, 1 warn)\n");
        // the reference client ends its session on "ERR busy" and takes replies without line ends
        assertThat(rows.get("java-reference")).containsEntry("client/6/busy-ends-session", "pass")
                .containsEntry("client/2.1/replies-without-line-ends", "pass");
    }

    @Test
    void shouldChangeNothingOutsideEachSubmissionsOwnCopy() throws IOException {
        assertThat(submissions.digests()).as("the submitted folders, victim's included").isEqualTo(submitted);
        assertThat(Files.readString(home.resolve("grades.txt"))).isEqualTo("the instructor's own file");
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).distinct())
                    .as("only the checker's logs and reports").isSubsetOf("server.log", "client.log", "client-busy.log",
                            "client-no-line-ends.log", "build.log", "checker.log", "report.json", "index.html",
                            "server.html", "client.html");
        }
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), marker)).as("written to its own /tmp").doesNotExist();
        assertThat(Files.readString(reports.resolve("snoop/server.log")))
                .contains("refused: rewrite ../victim/server.py", "refused: list /root", "refused: read /etc/shadow",
                        "refused: rewrite report ../../helo-report.csv", "refused: connect out of its network",
                        "managed: write /tmp (its own)", "managed: write its own folder")
                .doesNotContain("managed: rewrite");
    }

    @Test
    void shouldLeaveNoProcessOfAnySubmissionRunning() {
        assertThat(Leftovers.carrying(marker)).isEmpty();
    }

    @Test
    void shouldLeaveTheReportsAsWrittenAfterTheBatch() throws IOException {
        String csvDigest = Submissions.digest(csv);
        String htmlDigest = Submissions.digest(html);

        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500))
                .until(() -> Submissions.digest(csv).equals(csvDigest) && Submissions.digest(html).equals(htmlDigest));
    }

    @Test
    void shouldGradeEverySubmissionEvenWhenOneKillsItsParentOrFloodsItsOutput() throws IOException {
        assertThat(status).isEqualTo(1);
        assertThat(rows.keySet()).hasSize(CORRECT.size() + 2 + HOSTILE.size() + FORMULAS.size() + 1);
        assertThat(rows.get("killer").get("server")).isEqualTo("conforms");
        assertThat(rows.get("killer").get("client")).isEqualTo("conforms");
        assertThat(rows.get("flood").get("server")).isEqualTo("conforms");
        assertThat(rows.get("flood").get("client/assignment/connects")).isEqualTo("fail");
        long cap = Limits.DEFAULTS.outputBytes();
        assertThat(Files.size(reports.resolve("flood/client.log"))).isBetween(cap, cap + 200);
        assertThat(Files.readString(reports.resolve("flood/client.log"))).endsWith("\n[conformance: "
                + (2253L * (1 << 20) - cap) + " more octets of output dropped past the cap of " + cap + "]\n");
        assertThat(Files.size(reports.resolve("flood/server.log"))).isBetween(cap, cap + 200);
        assertThat(Files.readString(html)).contains(">killer</a></th>").contains(">flood</a></th>");
    }

    @Test
    void shouldHoldTheTimeBudgetAgainstDripAndSilentServers() {
        for (String name : List.of("drip", "silent")) {
            Map<String, String> row = rows.get(name);
            assertThat(row.get("server")).as(name).isEqualTo("fails");
            assertThat(row.get("notes")).as(name).isEqualTo("time budget spent (" + BUDGET_SECONDS + " s)");
            assertThat(printed).as(name).containsPattern("(?m)^" + name + ": server FAILS \\(\\d+ pass, \\d+ fail,"
                    + " \\d+ warn(; beyond the assignment \\d+ pass, \\d+ fail, \\d+ warn)?\\);"
                    + " client none .*; time budget spent \\(" + BUDGET_SECONDS + " s\\)$");
        }
    }

    @Test
    void shouldReadAnEndlessReplyOnlyUpToTheCapAndSaySo() {
        assertThat(rows.get("endless").get("server")).isEqualTo("fails");
        assertThat(rows.get("endless").get("server/5.1/greeting")).isEqualTo("fail");
        assertThat(rows.get("endless").get("notes")).isEmpty();
    }

    @Test
    void shouldWriteNoCellThatASpreadsheetWouldEvaluate() throws IOException {
        List<List<String>> cells = Submissions.cells(csv);
        assertThat(cells).allSatisfy(line -> assertThat(line).allSatisfy(cell -> assertThat(cell).doesNotStartWith("=")
                .doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t")
                .doesNotStartWith("\r")));
        for (String name : FORMULAS) {
            assertThat(rows.get("'" + name)).as(name).isNotNull();
            assertThat(rows.get("'" + name).get("client")).as(name).isEqualTo("conforms");
        }
        assertThat(rows.get(TWO_LINES).get("client")).isEqualTo("conforms");
        assertThat(cells).hasSize(1 + rows.size());
    }

    @Test
    void shouldSayWhyASubmissionIsNotGradable() {
        assertThat(rows.get("nothing").get("server")).isEqualTo("not gradable");
        assertThat(rows.get("nothing").get("notes")).isEqualTo("not gradable: found no helo.toml, server.py,"
                + " server.jar, server.js, client.py, client.jar or client.js in its folder, nor in a single folder"
                + " inside it");
        assertThat(rows.get("manifest-typo").get("notes")).isEqualTo("not gradable: helo.toml has an unknown key"
                + " \"sever\" (known: build, server, client)");
    }

    @Test
    void shouldSayWhyABuildFailed() {
        assertThat(rows.get("c-broken")).containsEntry("client", "could not be run");
        assertThat(rows.get("c-broken").get("notes")).as("the compiler's error, not its last line").startsWith(
                "client build failed with status 1: \"helo_client.c:38:").contains("error: expected");
    }

    private static Path jar(String module) {
        return Path.of(System.getProperty("project.root", ".."), module, "target", module + ".jar").toAbsolutePath();
    }
}
