package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grades a folder of submissions, as an instructor would, and checks the matrix and the options. */
class BatchCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void requireSandboxes() {
        Requires.sandboxes();
    }

    @Test
    void shouldGradeEverySubmissionAndWriteTheMatrix() throws Exception {
        Submissions submissions = new Submissions(dir.resolve("submissions"))
                .add("alice", Map.of("server.py", Submissions.resource("/servers/classroom_server.py"), "client.py",
                        Submissions.resource("/clients/broken_client.py")))
                .add("bob", Map.of("client.py", Submissions.resource("/clients/broken_client.py")));
        Files.writeString(submissions.folder().resolve("bob/defect.txt"), "lower-case");
        Path csv = dir.resolve("matrix.csv");
        Path html = dir.resolve("matrix.html");

        // each in a network of its own, port 8008 free for it, whatever listens on this machine's
        int status = run("batch", "--out", dir.resolve("logs").toString(), "--csv", csv.toString(), "--html",
                html.toString(), submissions.folder().toString());

        // graded under the assignment profile: PROTOCOL.md's error replies are beyond the assignment
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("alice: server conforms (15 pass, 0 fail, 0 warn;"
                + " beyond the assignment 22 pass, 15 fail, 5 warn); client conforms (9 pass, 0 fail, 0 warn; beyond the"
                + " assignment 4 pass, 1 fail, 1 warn)\n")
                .contains("\nbob: server none (no helo.toml server =, server.py, server.jar or server.js); client"
                        + " conforms (9 pass, 0 fail, 0 warn; beyond the assignment 3 pass, 1 fail, 2 warn)\n");
        Map<String, Map<String, String>> rows = Submissions.rows(csv);
        assertThat(rows.keySet()).containsExactly("alice", "bob");
        assertThat(rows.get("alice")).containsEntry("server/5.1/greeting", "pass")
                .containsEntry("client/3/upper-case", "pass").containsEntry("server/assignment/port-8008", "pass")
                .containsEntry("server/6/empty-line", "fail").containsEntry("server", "conforms")
                .containsEntry("client", "conforms")
                // each client also run against a busy server and one without line ends, as those cases need
                .containsEntry("client/6/busy-ends-session", "fail").containsEntry("client/2.1/replies-without-line-ends",
                        "warn");
        assertThat(rows.get("bob")).containsEntry("client/3/upper-case", "warn").containsEntry("server/5.1/greeting", "")
                .containsEntry("server", "none");
        assertThat(Files.readString(html)).contains(">alice</a></th>").contains(">bob</a></th>");
        assertThat(Files.readString(dir.resolve("logs/alice/client.log"))).startsWith("sent HELO ");
        assertThat(status).as("alice's naive server does what the assignment asks (it has no error checks)").isZero();
    }

    @Test
    void shouldWriteAFolderPerSubmissionTheCasesAskedForAndJunit() throws Exception {
        String hostile = "<img src=x onerror=alert(1)>";
        Submissions submissions = new Submissions(dir.resolve("submissions"))
                .add("alice", Map.of("server.py", Submissions.resource("/servers/classroom_server.py"), "client.py",
                        Submissions.resource("/clients/broken_client.py")))
                .add(hostile, Map.of("client.py", Submissions.resource("/clients/careful_client.py")));
        Path out = dir.resolve("out");
        Path html = dir.resolve("matrix.html");
        Path junit = dir.resolve("junit.xml");

        int status = run("batch", "--out", out.toString(), "--csv", dir.resolve("m.csv").toString(), "--html",
                html.toString(), "--junit", junit.toString(), "--profile", "protocol", "--case", "server/5.1",
                "--case", "client/6", "--case", "client/2.1/*", "--exclude", "client/2.1/replies-without-line-ends",
                "--reason", "not taught this term", submissions.folder().toString());

        // under PROTOCOL.md's profile a client that goes on after "ERR busy" fails: its MUST is counted
        Map<String, Map<String, String>> rows = Submissions.rows(dir.resolve("m.csv"));
        assertThat(rows.get("alice")).containsEntry("client/6/busy-ends-session", "fail")
                .containsEntry("client/2.1/replies-without-line-ends", "skipped").containsEntry("client", "fails")
                .containsEntry("server/5.1/greeting", "pass").containsEntry("server/5.1/hostname-one-word", "fail")
                .containsEntry("server/6/empty-line", "").containsEntry("server", "fails");
        assertThat(rows.get(hostile)).containsEntry("client/6/busy-ends-session", "pass")
                .containsEntry("client", "conforms").containsEntry("server", "none");
        assertThat(status).isEqualTo(1);

        Path alice = out.resolve("alice");
        assertThat(Files.readString(alice.resolve("report.json"))).contains("excluded: not taught this term")
                .contains("it went on after");
        assertThat(Files.readString(alice.resolve("client.html"))).contains("busy-ends-session").contains("exchange");
        assertThat(Files.readString(alice.resolve("client-busy.log"))).startsWith("sent HELO ");
        assertThat(alice.resolve("client-no-line-ends.log")).as("its only case is excluded: not run").doesNotExist();
        assertThat(Files.readString(alice.resolve("index.html"))).contains("<a href=\"server.html\">")
                .contains("<a href=\"client-busy.log\">");
        String folder;
        try (var folders = Files.list(out)) {
            folder = folders.map(f -> f.getFileName().toString()).filter(f -> !f.equals("alice") && !f.endsWith(".html"))
                    .findFirst().orElseThrow();
        }
        assertThat(folder).matches("_img_src_x_onerror_alert_1__-[0-9a-f]{8}");
        assertThat(Files.readString(out.resolve(folder).resolve("index.html"))).contains("&lt;img src=x")
                .doesNotContain("<img");
        assertThat(Files.readString(html)).contains("<a href=\"out/" + folder + "/index.html\">&lt;img src=x")
                .contains("<a href=\"out/alice/index.html\">alice</a>").doesNotContain("<img");
        assertThat(Files.readString(out.resolve("index.html"))).contains("<a href=\"alice/index.html\">alice</a>");

        var suites = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile())
                .getElementsByTagName("testsuite");
        Map<String, String> failures = new java.util.HashMap<>();
        for (int i = 0; i < suites.getLength(); i++) {
            var suite = (org.w3c.dom.Element) suites.item(i);
            failures.put(suite.getAttribute("name"), suite.getAttribute("failures"));
        }
        assertThat(failures).as("three hostname cases and the busy one").isEqualTo(Map.of("alice", "4", hostile, "0"));
    }

    @Test
    void shouldGiveTheSameVerdictsWithOneOrTwoJobsAndWithoutTheSandbox() throws Exception {
        Submissions submissions = new Submissions(dir.resolve("submissions")).correctPython("correct")
                .add("bare-lf", Map.of("server.py", Submissions.resource("/servers/helo_server.py")))
                .add("lower-case", Map.of("client.py", Submissions.resource("/clients/broken_client.py")));
        Files.writeString(submissions.folder().resolve("bare-lf/defect.txt"), "bare-lf");
        Files.writeString(submissions.folder().resolve("lower-case/defect.txt"), "lower-case");
        String port = String.valueOf(freePort()); // the same in all three, for the assignment's port cases

        String one = batch(submissions, "one", "--port", port, "--jobs", "1");
        String two = batch(submissions, "two", "--port", port, "--jobs", "2");
        String none = batch(submissions, "none", "--port", port, "--sandbox", "none");

        // CRLF is PROTOCOL.md's, beyond the assignment the batch grades: reported, not failing the server
        assertThat(Submissions.rows(dir.resolve("one.csv")).get("bare-lf")).containsEntry("server", "conforms")
                .containsEntry("server/2/reply-crlf", "fail");
        assertThat(Submissions.rows(dir.resolve("one.csv")).get("lower-case")).containsEntry("client", "conforms")
                .containsEntry("client/3/upper-case", "warn");
        assertThat(two).isEqualTo(one);
        assertThat(none).isEqualTo(one);
    }

    @Test
    void shouldRefuseTwoJobsWithoutTheSandboxAndAnOutputFolderAmongTheSubmissions() throws Exception {
        Path submissions = Files.createDirectories(dir.resolve("submissions"));

        assertThat(run("batch", "--sandbox", "none", "--jobs", "2", submissions.toString())).isEqualTo(2);
        assertThat(run("batch", "--out", submissions.resolve("logs").toString(), submissions.toString())).isEqualTo(2);
        assertThat(run("batch", "--sandbox", "docker", submissions.toString())).isEqualTo(2);
        assertThat(run("batch", "--memory", "1", submissions.toString())).isEqualTo(2);
        assertThat(run("batch", "--case", "server/99", submissions.toString())).isEqualTo(2);
        assertThat(run("batch", "--exclude", "client/6", submissions.toString())).isEqualTo(2);
        assertThat(run("batch", "--profile", "course", submissions.toString())).isEqualTo(2);
        Path rubric = Files.writeString(dir.resolve("protocol.toml"), "profile = \"protocol\"\n");
        assertThat(run("batch", "--rubric", rubric.toString(), "--profile", "assignment", submissions.toString()))
                .isEqualTo(2);
        assertThat(run("batch", "--sandbox", "none", "--interop", submissions.toString())).isEqualTo(2);
        assertThat(run("batch", "--interop", "--interop-time-limit", "0", submissions.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("conformance: --sandbox none grades one submission at"
                + " a time (they would share port 8008): --jobs must be 1\n"
                + "conformance: --out must be outside the folder of submissions (it would be graded as one), and not hold"
                + " it: " + submissions.resolve("logs") + "\n"
                + "conformance: --sandbox must be bwrap or none: docker\n"
                + "conformance: --memory must be between 64 and 1048576: 1\n"
                + "conformance: no case server/99 (server --list and client --list show them)\n"
                + "conformance: every --exclude needs its --reason (1 --exclude, 0 --reason)\n"
                + "conformance: --profile must be protocol or assignment: course\n"
                + "conformance: --rubric: " + rubric + " grades under the protocol profile, and --profile says"
                + " assignment\n"
                + "conformance: --interop needs the sandbox (--sandbox bwrap): each pairing's programs both use port"
                + " 8008, in networks of their own, joined by the checker's relay\n"
                + "conformance: --interop-time-limit must be between 1 and 3600 seconds: 0\n");
    }

    /** Grades {@code submissions} with {@code options}, the matrix in {@code name}.csv; returns the matrix. */
    private String batch(Submissions submissions, String name, String... options) throws Exception {
        Path csv = dir.resolve(name + ".csv");
        String[] args = new String[options.length + 6];
        args[0] = "batch";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--out";
        args[options.length + 2] = dir.resolve("logs-" + name).toString();
        args[options.length + 3] = "--csv";
        args[options.length + 4] = csv.toString();
        args[options.length + 5] = submissions.folder().toString();
        assertThat(run(args)).isZero();
        return Files.readString(csv);
    }

    private int run(String... args) {
        return ConformanceMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
