package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch --interop} over a small class: every client against every server, the reference programs included,
 * two pairings at a time, each in its pod. A client that reads replies up to their line end works with servers that
 * send them and not with one that does not, where a careful client works with all; a hostile submission (a server
 * that snoops, a client that leaves a daemon) costs only its own cells.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropBatchTest {
    private static final String REFERENCE_SERVER = "reference server.jar";
    private static final String REFERENCE_CLIENT = "reference client.jar";

    @TempDir
    static Path dir;
    private final String marker = "hostile" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private Submissions submissions;
    private Map<String, String> submitted;
    private Path out;
    private String printed;
    /** The matrix as the CSV has it: "server / client" to result and reason. */
    private final Map<String, List<String>> cells = new LinkedHashMap<>();

    @BeforeAll
    void runTheClassAgainstItself() throws IOException {
        Requires.sandboxes();
        Requires.program("socat", "socat");
        Path noLineEnds = Files.writeString(dir.resolve("no-line-ends.py"), Files.readString(Submissions.resource(
                "/servers/classroom_server.py")).replace("(reply + \"\\r\\n\")", "reply").replace("later\\r\\n", "later"));
        submissions = new Submissions(dir.resolve("class"));
        submissions.add("crlf", Map.of("server.py", Submissions.resource("/servers/classroom_server.py"), "client.py",
                        Submissions.resource("/clients/careful_client.py")))
                .add("no-line-ends", Map.of("server.py", noLineEnds))
                .add("readline", Map.of("client.py", Submissions.resource("/clients/broken_client.py")))
                .hostile("snoop", marker)
                .hostile("daemon", marker);
        // the daemon's server would race its own daemon for the port: its client is the attack here
        Files.delete(submissions.folder().resolve("daemon/server.py"));
        submitted = submissions.digests();
        out = dir.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        int status = ConformanceMain.run(new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err, "batch",
                "--interop", "--jobs", "2", "--case", "server/5.1/greeting", "--reference-server", jar("server")
                        .toString(), "--reference-client", jar("client").toString(), "--out", out.toString(),
                submissions.folder().toString());

        printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isIn(0, 1);
        for (List<String> line : Submissions.cells(out.resolve("interop/interop.csv")).subList(1, 17)) {
            cells.put(line.get(0) + " / " + line.get(1), line.subList(2, 4));
        }
    }

    @Test
    void shouldRunEveryClientAgainstEveryServerAndTheReferenceOnes() throws IOException {
        assertThat(Submissions.cells(out.resolve("interop/interop.csv")).get(0)).containsExactly("server", "client",
                "result", "reason");
        assertThat(cells.keySet()).containsExactly(pairs(List.of(REFERENCE_SERVER, "crlf", "no-line-ends", "snoop"),
                List.of(REFERENCE_CLIENT, "crlf", "daemon", "readline")).toArray(String[]::new));
        for (String server : List.of(REFERENCE_SERVER, "crlf", "snoop")) {
            for (String client : List.of(REFERENCE_CLIENT, "crlf", "readline")) {
                assertThat(cells.get(server + " / " + client)).as(server + " / " + client).containsExactly("works", "");
            }
        }
    }

    @Test
    void shouldTellAClientThatWaitsForLineEndsFromOneThatDoesNot() {
        assertThat(cells.get("no-line-ends / " + REFERENCE_CLIENT)).containsExactly("works", "");
        assertThat(cells.get("no-line-ends / crlf")).containsExactly("works", "");
        assertThat(cells.get("no-line-ends / readline").get(0)).isEqualTo("fails");
        assertThat(cells.get("no-line-ends / readline").get(1)).startsWith("the client's session ended without BYE (1"
                + " requests, the last \"HELO ");
    }

    @Test
    void shouldCostAHostileSubmissionOnlyItsOwnCells() throws IOException {
        for (String server : List.of(REFERENCE_SERVER, "crlf", "no-line-ends", "snoop")) {
            assertThat(cells.get(server + " / daemon").get(0)).as(server).isEqualTo("fails");
            assertThat(cells.get(server + " / daemon").get(1)).as(server).isIn("the client connected and sent nothing",
                    "the client never connected (it exited with status 0)");
        }
        assertThat(submissions.digests()).as("the submitted folders").isEqualTo(submitted);
        assertThat(Files.readString(out.resolve("interop/snoop/crlf/server.log")))
                .contains("refused: rewrite ../victim/server.py", "refused: list /root",
                        "refused: connect out of its network").doesNotContain("managed: rewrite");
        assertThat(Leftovers.carrying(marker)).isEmpty();
    }

    @Test
    void shouldLinkEachCellToItsSessionWithTheWireAndBothOutputs() throws IOException {
        String matrix = Files.readString(out.resolve("interop/index.html"));
        assertThat(matrix).contains("<a href=\"reference/crlf/index.html\">works</a>")
                .contains("<a href=\"no-line-ends/readline/index.html\">fails</a>");
        String page = Files.readString(out.resolve("interop/crlf/readline/index.html"));
        assertThat(page).contains("<strong>works</strong>").contains("1&gt; &quot;REQTIME\\r\\n&quot;")
                .contains("1&lt; &quot;See ya later\\r\\n&quot;").contains("client.log").contains("server.log");
        assertThat(Files.readString(out.resolve("interop/crlf/readline/wire.txt"))).startsWith("1= the client"
                + " connected\n1> \"HELO ").contains("\n1> \"ECHO this is some random text.\\r\\n\"\n1< \"this is some"
                + " random text.\\r\\n\"\n1> \"REQIP\\r\\n\"\n1< \"127.0.0.1\\r\\n\"\n1> \"BYE\\r\\n\"\n1< \"See ya"
                + " later\\r\\n\"\n");
        assertThat(printed).contains("interop: server crlf, client readline: works\n");
    }

    private static List<String> pairs(List<String> servers, List<String> clients) {
        return servers.stream().flatMap(s -> clients.stream().map(c -> s + " / " + c)).toList();
    }

    private static Path jar(String module) {
        return Path.of(System.getProperty("project.root", ".."), module, "target", module + ".jar").toAbsolutePath();
    }
}
