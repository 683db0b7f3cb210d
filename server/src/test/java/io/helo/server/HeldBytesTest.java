package io.helo.server;

import static org.awaitility.Awaitility.await;

import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The octets held for all clients (what the global budget compares) come back to nothing once the clients are gone,
 * even those that left with replies half written: MINA's own count for the service keeps those for good.
 */
class HeldBytesTest {
    @Test
    void shouldHoldNothingOnceClientsThatLeftWithUnsentRepliesAreGone() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            List<WireClient> clients = new ArrayList<>();
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            String line = "ECHO " + "x".repeat(900) + "\r\n";
            for (int i = 0; i < 20; i++) {
                WireClient client = WireClient.slowReader(server.address());
                clients.add(client);
                client.send("HELO leaver\r\n").expect("Hello leaver, pleased to meet you.");
                writers.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int n = 0; n < 10_000; n++) { // 9 MB of replies: more than the socket buffers hold
                            client.send(line);
                        }
                    } catch (IOException reset) {
                        // the test resets the connection under the writer
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.counters().pausedConnections() == 20);
            for (WireClient client : clients) {
                client.reset(); // gone, with replies queued and one half written
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> server.counters().currentConnections() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().heldBytes() == 0);
        }
    }
}
