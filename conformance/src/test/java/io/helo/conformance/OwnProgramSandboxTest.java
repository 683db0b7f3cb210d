package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student checking their own server or client with {@code --sandbox bwrap}, from their program's folder, as they
 * would run the checker: it moves itself into a pod, and runs the program from a copy of the folder in a sandbox.
 */
class OwnProgramSandboxTest {
    @TempDir
    Path folder;
    @TempDir
    Path logs;

    @BeforeEach
    void requireSandboxes() {
        Requires.sandboxes();
    }

    @Test
    void shouldGradeAServerInASandboxAndWriteTheReportWhereAsked() throws Exception {
        Files.copy(Submissions.resource("/servers/helo_server.py"), folder.resolve("server.py"));

        Run run = checker("server", "--sandbox", "bwrap", "--skip-slow", "--json", "report.json", "--",
                "python3", "server.py");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("server localhost:8008: 56 cases: 55 pass, 0 fail, 0 warn, 1 skipped in ");
        assertThat(Files.readString(folder.resolve("report.json"))).contains("\"conforms\" : true");
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("server.py",
                    "report.json");
        }
    }

    @Test
    void shouldGradeAClientInASandboxFromACopyOfItsFolder() throws Exception {
        Files.copy(Submissions.resource("/clients/broken_client.py"), folder.resolve("client.py"));
        Files.writeString(folder.resolve("defect.txt"), "lower-case");

        Run run = checker("client", "--sandbox", "bwrap", "--", "python3", "client.py");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("  warn    SHOULD client/3/upper-case\n")
                .contains(": 17 cases: 9 pass, 0 fail, 1 warn, 7 skipped in ");
    }

    /** What a run of the checker printed, and its status. */
    private record Run(int status, String out, String err) {
    }

    private Run checker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConformanceMain.class.getName()));
        command.addAll(List.of(args));
        File err = logs.resolve("err.txt").toFile();
        Process checker = new ProcessBuilder(command).directory(folder.toFile()).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(checker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(checker.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(checker.exitValue(), out, Files.readString(err.toPath()));
    }
}
