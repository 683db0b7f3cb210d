package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.testing.ServerProcess;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stops the packaged server with SIGTERM while clients are pipelining requests at it. */
class ServerProcessIT {
    private static final Pattern STOPPED =
            Pattern.compile(".* INFO  stopped \\(connections served: (\\d+), requests answered: (\\d+)\\)");
    private static final int CLIENTS = 10;
    private static final String FINAL_LINE = "ERR shutting-down server shutting down, closing connection";

    // blocking tasks get threads of their own: the common pool may have as few as one
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private ServerProcess server;

    @AfterEach
    void kill() throws InterruptedException {
        threads.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswerEverythingItReceivedThenSayGoodbyeAndExitZeroOnSigterm() throws Exception {
        // the clients write requests until a write fails, long after the final line, while their readers are still
        // behind; past the default discard limit the lingering close would cut them, and the reset makes their
        // systems drop replies not yet read: a limit no client here reaches keeps the test about the drain
        server = ServerProcess.start(List.of(), "--max-discard", String.valueOf(1024 * 1024 * 1024));
        InetSocketAddress address = server.address();

        CountDownLatch busy = new CountDownLatch(CLIENTS);
        List<CompletableFuture<Integer>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int n = i;
            clients.add(CompletableFuture.supplyAsync(() -> pipeline(address, n, busy), threads));
        }
        assertThat(busy.await(60, TimeUnit.SECONDS)).as("every client got replies").isTrue();
        server.terminate(); // SIGTERM, mid-traffic

        int answered = 0;
        try {
            for (CompletableFuture<Integer> client : clients) {
                answered += client.get(60, TimeUnit.SECONDS); // each checks: a gapless prefix, then the final line
            }
        } catch (ExecutionException e) {
            server.exitStatus(Duration.ofSeconds(30));
            throw new AssertionError("server log:\n" + String.join("\n", server.output()), e.getCause());
        }
        assertThat(server.exitStatus(Duration.ofSeconds(30))).as("exit status").isZero();
        List<String> log = server.output();
        String stopped = log.stream().filter(line -> STOPPED.matcher(line).matches()).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line in " + log));
        Matcher summary = STOPPED.matcher(stopped);
        assertThat(summary.matches()).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).isEqualTo(CLIENTS);
        // the server's count of answered lines equals what the clients received, HELO included: none was lost
        assertThat(Long.parseLong(summary.group(2))).isEqualTo(answered + CLIENTS);
        assertThat(log).anyMatch(line -> line.contains("INFO  shutting down"))
                .noneMatch(line -> line.contains("ERROR") || line.contains("WARN") || line.contains("Exception"));
    }

    /**
     * Sends numbered ECHO requests as fast as the server takes them and checks the replies come back in order,
     * with no gap, until the server's final line and the end of the stream. Returns the number of ECHO replies.
     */
    private int pipeline(InetSocketAddress address, int n, CountDownLatch busy) {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO c" + n + "\r\n").expect("Hello c" + n + ", pleased to meet you.");
            OutputStream out = client.socket().getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 2_000_000; i++) { // bounded; in practice ended by the server's close
                        out.write(("ECHO " + n + "-" + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException closedByServer) {
                    // the server closed after its final line
                }
            }, threads);
            int received = 0;
            while (true) {
                String line = client.readLine();
                if (line.equals(FINAL_LINE + "\r\n")) {
                    break;
                }
                assertThat(line).as("reply %d of client %d", received, n).isEqualTo(n + "-" + received + "\r\n");
                if (++received == 200) {
                    busy.countDown();
                }
            }
            client.expectEndOfStream();
            client.reset(); // unblock the writer if it is still writing into a full buffer
            writer.get(30, TimeUnit.SECONDS);
            return received;
        } catch (Exception e) {
            throw new IllegalStateException("client " + n, e);
        }
    }
}
