package io.helo.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged jars exactly as the README says, from the project root and with no arguments: this is the
 * one test that uses the fixed port 8008, because it proves the no-argument default.
 */
class JarsEndToEndIT {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    // blocking tasks get threads of their own: the common pool may have as few as one
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        threads.shutdownNow();
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRunTheReadmeCommandsWithNoArgumentsOnPort8008() throws Exception {
        assertPort8008IsFree();
        server = new ProcessBuilder(JAVA, "-jar", "server/target/server.jar").directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        List<String> serverLines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        CompletableFuture<Void> serverDone = CompletableFuture.runAsync(() -> collect(server, serverLines, listening), threads);
        listening.get(30, TimeUnit.SECONDS);
        assertThat(serverLines.get(0)).matches(".* INFO  HELO server \\S+ listening on \\*:8008");

        Process client = new ProcessBuilder(JAVA, "-jar", "client/target/client.jar").directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String clientOut = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String clientErr = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(clientErr).isEmpty();
        assertThat(client.exitValue()).isZero();
        assertThat(clientOut.replace(System.lineSeparator(), "\n")).matches("(?s)Connecting to localhost:8008 \\.\\.\\.\n"
                + "Connected to (127\\.0\\.0\\.1|\\[::1\\]):8008 from .*\n"
                + "> HELO \\S+\n< Hello \\S+, pleased to meet you\\.\n.*"
                + "> REQTIME\n< \\d\\d:\\d\\d:\\d\\d\n.*"
                + "> REQDATE\n< \\d{4}-\\d\\d-\\d\\d\n.*"
                + "> ECHO this is some random text\\.\n< this is some random text\\.\n.*"
                + "> REQIP\n< (127\\.0\\.0\\.1|::1)\n.*"
                + "> BYE\n< See ya later\n.*"
                + "The server closed the connection\\. All 6 commands succeeded\\.\n");

        // SIGTERM, as a service manager would send; Process.destroy() would also close our end of its output
        assertThat(server.toHandle().destroy()).isTrue();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
        serverDone.get(10, TimeUnit.SECONDS);
        assertThat(server.exitValue()).isZero();
        assertThat(String.join("\n", serverLines))
                .containsPattern("INFO  \\S+ disconnected \\(bye\\) after 6 requests in \\d+ ms: HELO \\S+, 0 errors,"
                        + " \\d+ bytes in, \\d+ out")
                .contains("INFO  shutting down", "INFO  stopped (connections served: 1, requests answered: 6)")
                .doesNotContain("Exception", "ERROR", "WARN");
    }

    private static void assertPort8008IsFree() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(8008));
        } catch (BindException e) {
            throw new AssertionError("port 8008 is in use by another program; this test proves that the server"
                    + " listens on 8008 when run with no arguments, so it needs that port free", e);
        }
    }

    private static void collect(Process process, List<String> lines, CompletableFuture<Void> listening) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
                if (line.contains(" listening on ")) {
                    listening.complete(null);
                }
            }
            listening.completeExceptionally(new AssertionError("server exited before listening: " + lines));
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
    }

}
