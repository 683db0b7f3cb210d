package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grades a folder of submissions, as an instructor would, and checks the matrix. */
class BatchCommandTest {
    @TempDir
    Path submissions;

    @Test
    void shouldGradeEverySubmissionAndWriteTheMatrix() throws Exception {
        Path alice = Files.createDirectories(submissions.resolve("alice"));
        copy("/servers/classroom_server.py", alice.resolve("server.py"));
        copy("/clients/broken_client.py", alice.resolve("client.py"));
        Path bob = Files.createDirectories(submissions.resolve("bob"));
        copy("/clients/broken_client.py", bob.resolve("client.py"));
        Files.writeString(bob.resolve("defect.txt"), "lower-case");
        Path csv = submissions.resolve("matrix.csv");
        Path html = submissions.resolve("matrix.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ConformanceMain.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "batch",
                "--port", String.valueOf(freePort()), "--csv", csv.toString(), "--html", html.toString(),
                submissions.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("alice: server ").contains("bob: server none; client conforms");
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertThat(header).startsWith("submission", "server", "client").contains("server/5.1/greeting",
                "client/3/upper-case");
        assertThat(lines).hasSize(3);
        List<String> aliceRow = Arrays.asList(lines.get(1).split(",", -1));
        List<String> bobRow = Arrays.asList(lines.get(2).split(",", -1));
        assertThat(aliceRow.get(header.indexOf("server/5.1/greeting"))).isEqualTo("pass");
        assertThat(aliceRow.get(header.indexOf("client/3/upper-case"))).isEqualTo("pass");
        assertThat(bobRow.get(header.indexOf("client/3/upper-case"))).isEqualTo("warn");
        assertThat(bobRow.get(header.indexOf("server/5.1/greeting"))).isEmpty();
        assertThat(Files.readString(html)).contains("<th>alice</th>").contains("<th>bob</th>");
        assertThat(status).as("alice's naive server fails a MUST case (it has no error checks)").isEqualTo(1);
    }

    private static void copy(String resource, Path to) throws Exception {
        Files.copy(Path.of(BatchCommandTest.class.getResource(resource).toURI()), to);
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
