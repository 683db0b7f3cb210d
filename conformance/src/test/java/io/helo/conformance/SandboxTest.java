package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program's sandbox ends whole: once its end is seen, nothing it started holds anything any more. */
class SandboxTest {
    @TempDir
    Path dir;
    private Launcher launcher;

    @BeforeEach
    void makeASandbox() throws Exception {
        Requires.sandboxes();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x")); // for its user to reach
        Path copy = WorkCopy.folder(dir.resolve("copy"));
        launcher = new Sandbox(Sandbox.Kind.BWRAP, Limits.DEFAULTS).launcher(copy, copy, WorkCopy.folder(dir.resolve("tmp")));
    }

    @Test
    void shouldFreeThePortOfAProcessLeftBehindBeforeTheProgramsEndIsSeen() throws Exception {
        int port = freePort();
        // the port is bound before the fork: the child left behind holds it from the start, no timing involved
        Process program = launcher.start(List.of("python3", "-c", "import os, socket, time\n"
                + "listener = socket.create_server(('127.0.0.1', " + port + "))\n"
                + "if os.fork() == 0:\n    time.sleep(600)\n"), Map.of());

        assertThat(program.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(program.exitValue()).isZero();
        try (ServerSocket next = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(next.getLocalPort()).as("the next program gets the port").isEqualTo(port);
        }
    }

    @Test
    void shouldEndAProgramAndAllItStartedWhenDestroyed() throws Exception {
        long digits = System.nanoTime() & 0xffffff;
        String sleep = "sleep 60000." + digits; // a command line no other process has, the sleeps' alone
        String script = "n=60000.; sleep ${n}" + digits + " & sleep ${n}" + digits + " & echo started; wait";
        Process program = launcher.start(List.of("sh", "-c", script), Map.of());
        assertThat(new String(program.getInputStream().readNBytes(8), StandardCharsets.US_ASCII)).isEqualTo("started\n");
        // the shell may echo before its children have become the sleeps (each a fork of sh until it executes sleep)
        await().atMost(Duration.ofSeconds(30)).until(() -> Leftovers.carrying(sleep).size() == 2);

        Processes.stop(program);

        assertThat(program.isAlive()).isFalse();
        assertThat(Leftovers.carrying(sleep)).isEmpty();
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
