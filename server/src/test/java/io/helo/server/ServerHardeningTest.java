package io.helo.server;

import io.helo.server.config.Connections;
import io.helo.server.config.Limits;
import io.helo.server.config.Shutdown;
import io.helo.server.config.Timeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.helo.server.testing.KernelBuffers;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One adversarial test per protection of the server; in each, a well-behaved client connected at the same time
 * (the canary) is answered before, during and after the misbehaviour.
 */
class ServerHardeningTest {
    // blocking tasks get threads of their own: the common pool may have as few as one
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private LoopbackServer server;
    private InetSocketAddress address;
    private WireClient canary;

    private void start(UnaryOperator<ServerConfigBuilder> limits) throws Exception {
        // no quiet-period line ends: these tests send lines in pieces and must not depend on how fast
        // a loaded machine lets them do it (that rule has tests of its own)
        server = LoopbackServer.start(b -> limits.apply(b.set(Timeouts.QUIET_LINE_END, Duration.ZERO)));
        address = server.address();
        canary = new WireClient(address, InetAddress.getByName("127.0.0.254"));
        canary.send("HELO canary\r\n").expect("Hello canary, pleased to meet you.");
    }

    private void canaryIsServed() throws IOException {
        canary.send("ECHO still served\r\n").expect("still served");
    }

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        if (canary != null) {
            canary.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldKeepTheStartOfALineWhileOtherClientsAreReadIntoTheSameBuffer() throws Exception {
        start(b -> b);
        try (WireClient first = new WireClient(address); WireClient second = new WireClient(address)) {
            first.send("HELO a\r\nECHO first-").expect("Hello a, pleased to meet you.");
            String other = "b".repeat(300);
            second.send("HELO b\r\nECHO " + other + "\r\n").expect("Hello b, pleased to meet you.").expect(other);
            first.send("half\r\n").expect("first-half");
        }
        canaryIsServed();
    }

    @Test
    void shouldAnswerAnOverlongLineOnceAndKeepTheSession() throws Exception {
        start(b -> b);
        try (WireClient client = new WireClient(address)) {
            client.send("HELO x\r\n").expect("Hello x, pleased to meet you.");
            client.send("ECHO " + "x".repeat(3000)).expect("ERR line-too-long request line too long");
            canaryIsServed();
            client.send("x".repeat(3000) + "\r\nECHO after\r\n").expect("after");
        }
        canaryIsServed();
    }

    @Test
    void shouldCloseAClientThatStreamsWithoutLineEndsPastTheDiscardLimit() throws Exception {
        start(b -> b.set(Limits.MAX_DISCARD, 10_000));
        try (WireClient client = new WireClient(address)) {
            client.send("HELO x\r\n").expect("Hello x, pleased to meet you.");
            client.send("y".repeat(2000)).expect("ERR line-too-long request line too long");
            canaryIsServed();
            client.send("y".repeat(9500)).expect("ERR unterminated-line no line end in sight, closing connection");
            client.expectEndOfStream();
        }
        canaryIsServed();
    }

    @Test
    void shouldAnswerEveryOtherLineOfTheSameReadWhenOneIsNotUtf8() throws Exception {
        start(b -> b);
        try (WireClient client = new WireClient(address)) {
            client.sendBytes("HELO x\r\nECHO \u00c3(\r\nECHO 1\r\nECHO \u00ff\r\nECHO 2\r\n".getBytes(StandardCharsets.ISO_8859_1))
                    .expect("Hello x, pleased to meet you.").expect("ERR invalid-utf8 request is not valid UTF-8")
                    .expect("1").expect("ERR invalid-utf8 request is not valid UTF-8").expect("2");
        }
        canaryIsServed();
    }

    @Test
    void shouldCloseASessionAtTheErrorLimit() throws Exception {
        start(b -> b.set(Limits.MAX_ERRORS, 3));
        try (WireClient client = new WireClient(address)) {
            client.send("HELO x\r\nFOO\r\nBAR /\r\nBAZ\r\nQUX\r\n")
                    .expect("Hello x, pleased to meet you.")
                    .expect("ERR unknown-command unknown command")
                    .expect("ERR unknown-command unknown command")
                    .expect("ERR unknown-command unknown command")
                    .expect("ERR too-many-errors too many errors, closing connection");
            client.expectEndOfStream();
        }
        canaryIsServed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n", "POST /form HTTP/1.0\r\n",
        "Host: example\r\n", "SSH-2.0-OpenSSH_9.2p1\r\n", "*1\r\n$4\r\nPING\r\n",
        "PROXY TCP4 192.0.2.7 127.0.0.1 51000 8008\r\n", "\r\n\r\n\u0000\r\nQUIT\n!\u0011\u0000\u000c",
        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"})
    void shouldCloseAClientThatSpeaksAnotherProtocolAfterOneLine(String firstBytes) throws Exception {
        start(b -> b);
        try (WireClient client = new WireClient(address)) {
            client.sendBytes(firstBytes.getBytes(StandardCharsets.ISO_8859_1))
                    .expect("ERR wrong-protocol this is a HELO server, closing connection");
            client.expectEndOfStream();
        }
        canaryIsServed();
    }

    @Test
    void shouldCloseASessionThatSendsNoCompleteRequestWithinTheIdleTimeout() throws Exception {
        start(b -> b.set(Timeouts.IDLE_TIMEOUT, Duration.ofSeconds(1)));
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (WireClient client = new WireClient(address)) {
            client.send("HELO x\r\n").expect("Hello x, pleased to meet you.");
            // a byte every 100 ms keeps the socket busy but never completes a request: the behaviour under test
            trickle.scheduleAtFixedRate(() -> {
                try {
                    client.send("z");
                } catch (IOException closed) {
                    throw new IllegalStateException(closed);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            canaryIsServed();
            client.expect("ERR idle-timeout no request for too long, closing connection");
            client.expectEndOfStream();
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void shouldRefuseConnectionsOverTheLimitsWithOneBusyLine() throws Exception {
        start(b -> b.set(Connections.MAX_CONNECTIONS, 4).set(Connections.MAX_CONNECTIONS_PER_IP, 2)); // the canary holds one
        InetAddress first = InetAddress.getByName("127.0.0.1");
        try (WireClient a = new WireClient(address, first); WireClient b = new WireClient(address, first)) {
            a.send("HELO a\r\n").expect("Hello a, pleased to meet you.");
            b.send("HELO b\r\n").expect("Hello b, pleased to meet you.");
            try (WireClient thirdFromSameAddress = new WireClient(address, first)) {
                thirdFromSameAddress.expect("ERR busy too many connections, try again later");
                thirdFromSameAddress.expectEndOfStream();
            }
            try (WireClient other = new WireClient(address, InetAddress.getByName("127.0.0.2"))) {
                other.send("HELO other\r\n").expect("Hello other, pleased to meet you.");
                try (WireClient overTotal = new WireClient(address, InetAddress.getByName("127.0.0.3"))) {
                    overTotal.expect("ERR busy too many connections, try again later");
                    overTotal.expectEndOfStream();
                }
            }
            canaryIsServed();
        }
        canary.close();
        canary = null;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.counters().currentConnections() == 0 && server.counters().clientAddresses() == 0);
    }

    @Test
    void shouldLetARefusedClientThatAlreadySentItsHeloReadTheBusyLineAndAnOrderlyEnd() throws Exception {
        start(b -> b.set(Connections.MAX_CONNECTIONS, 1)); // the canary holds it
        byte[] busy = "ERR busy too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20; i++) { // the HELO nearly always arrives before the refusal is sent: unread at the close
            try (java.net.Socket refused = new java.net.Socket(address.getAddress(), address.getPort())) {
                refused.getOutputStream().write("HELO eager\r\n".getBytes(StandardCharsets.US_ASCII));
                refused.setSoTimeout(10_000);
                // a close with unread octets sends a reset; before the line's FIN, it would make the read fail
                assertThat(refused.getInputStream().readAllBytes()).as("connection %d", i).isEqualTo(busy);
            }
        }
        canaryIsServed();
    }

    @Test
    void shouldKeepConnectionCountsExactThroughChurnAndResets() throws Exception {
        // 200 connections from one address in a second or two: no rate limit, the counts are under test
        start(b -> b.set(Connections.MAX_CONNECTIONS_PER_IP, 5).set(Connections.MAX_CONNECTION_RATE, 0));
        for (int round = 0; round < 200; round++) {
            WireClient client = new WireClient(address);
            client.send("HELO churn\r\n").expect("Hello churn, pleased to meet you.");
            if (round % 3 == 0) {
                client.reset();
            } else if (round % 3 == 1) {
                client.send("BYE\r\n").expect("See ya later");
                client.close();
            } else {
                client.close();
            }
        }
        canaryIsServed();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().currentConnections() == 1); // the canary
        assertThat(server.counters().clientAddresses()).isEqualTo(1);
    }

    @Test
    void shouldStopReadingFromAClientThatDoesNotReadAndServeItAllOnceItDoes() throws Exception {
        int unsentLimit = 8 * 1024;
        // the timeouts are not under test here: a loaded machine must not let them cut this client
        start(b -> b.set(Limits.MAX_UNSENT, unsentLimit).set(Timeouts.WRITE_TIMEOUT, Duration.ofDays(1))
                .set(Timeouts.IDLE_TIMEOUT, Duration.ofDays(1)));
        int requests = KernelBuffers.repliesToFill(97); // about 10 MB of replies: more than the kernel holds
        String echo = "ECHO " + "p".repeat(95) + "\r\n"; // 102 octets in, 97 out
        // a client with the usual buffers: through a tiny window, Linux sends a backlog of megabytes only at its
        // zero-window probes (a few kilobytes a second), and the test would measure that instead of the server
        try (WireClient flooder = new WireClient(address)) {
            flooder.send("HELO flood\r\n").expect("Hello flood, pleased to meet you.");
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = flooder.socket().getOutputStream();
                    byte[] line = echo.getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < requests; i++) {
                        out.write(line);
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            await().atMost(Duration.ofSeconds(20)).until(() -> server.counters().pausedConnections() == 1);
            // bounded: the limit plus the replies of one pass
            assertThat(server.counters().largestUnsentBytes()).isLessThanOrEqualTo(unsentLimit + 16 * 1024 + 2048);
            // whether the flooder is blocked too depends on the kernel: the server's receive buffer may grow to
            // tens of megabytes (tcp_rmem) and hold all its requests
            canaryIsServed();

            InputStream in = new BufferedInputStream(flooder.socket().getInputStream(), 64 * 1024);
            flooder.socket().setSoTimeout(60_000); // a stall fails the test rather than hanging it
            byte[] expected = ("p".repeat(95) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
            // a trickle defeats the read timeout: the whole read has a deadline too (it takes seconds)
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int i = 0; i < requests; i++) {
                    int reply = i;
                    assertThat(in.readNBytes(expected.length)).as(() -> String.format("reply %d (paused %d, held %d)",
                            reply, server.counters().pausedConnections(), server.counters().heldBytes()))
                            .isEqualTo(expected);
                    read.incrementAndGet();
                }
            }, () -> String.format("%d replies of %d read (paused %d, held %d)", read.get(), requests,
                    server.counters().pausedConnections(), server.counters().heldBytes()));
            sending.get(30, TimeUnit.SECONDS);
        }
        canaryIsServed();
    }

    @Test
    void shouldKeepEveryReplyInOrderForAClientThatReadsWhileItSends() throws Exception {
        start(b -> b);
        int requests = KernelBuffers.repliesToFill(100); // about 10 MB of replies: more than the kernel holds
        String padding = "-".repeat(90);
        try (WireClient client = new WireClient(address)) { // the usual buffers, as above
            client.send("HELO order\r\n").expect("Hello order, pleased to meet you.");
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = new BufferedOutputStream(client.socket().getOutputStream(), 1400);
                    for (int i = 0; i < requests; i++) {
                        out.write(("ECHO " + padding + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            // replies wait until the socket is full and MINA queues the rest; then they are read in small pieces
            // while requests still arrive, so passes are answered while part of an earlier reply is still queued
            await().atMost(Duration.ofSeconds(30)).until(() -> server.counters().heldBytes() > 0);
            InputStream replies = new BufferedInputStream(client.socket().getInputStream(), 512);
            for (int i = 0; i < requests; i++) {
                String expected = padding + i + "\r\n";
                assertThat(new String(replies.readNBytes(expected.length()), StandardCharsets.US_ASCII))
                        .as("reply %d", i).isEqualTo(expected);
            }
            sending.get(60, TimeUnit.SECONDS);
        }
        canaryIsServed();
    }

    @Test
    void shouldCloseAClientThatTakesNoReplyForTheWriteTimeout() throws Exception {
        start(b -> b.set(Limits.MAX_UNSENT, 4096).set(Timeouts.WRITE_TIMEOUT, Duration.ofSeconds(1)));
        WireClient stuck = WireClient.slowReader(address);
        stuck.send("HELO stuck\r\n").expect("Hello stuck, pleased to meet you.");
        CompletableFuture.runAsync(() -> {
            try {
                byte[] line = ("ECHO " + "q".repeat(500) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 40_000; i++) {
                    stuck.socket().getOutputStream().write(line);
                }
            } catch (IOException closedByServer) {
                // expected: the server gives up on this client
            }
        }, threads);
        await().atMost(Duration.ofSeconds(20)).until(() -> server.counters().currentConnections() == 1); // only the canary
        canaryIsServed();
        stuck.reset();
    }

    @Test
    void shouldAnswerEveryRequestOfAClientThatHalfClosesThenClose() throws Exception {
        start(b -> b);
        try (WireClient client = new WireClient(address)) {
            client.send("HELO half\r\n" + "ECHO pending\r\n".repeat(500) + "REQIP\r\n").shutdownOutput();
            client.expect("Hello half, pleased to meet you.");
            for (int i = 0; i < 500; i++) {
                client.expect("pending");
            }
            client.expect("127.0.0.1").expectEndOfStream();
        }
        canaryIsServed();
    }

    @Test
    void shouldAnswerALastLineWithoutLineEndAtTheEndOfTheStreamEvenWithTheQuietPeriodOff() throws Exception {
        start(b -> b); // the quiet period is off in these tests
        try (WireClient client = new WireClient(address)) {
            client.send("HELO x\r\nREQIP").shutdownOutput();
            client.expect("Hello x, pleased to meet you.").expect("127.0.0.1").expectEndOfStream();
        }
        canaryIsServed();
    }

    @Test
    void shouldRejectNulAndControlCharactersWithOneErrorEach() throws Exception {
        start(b -> b);
        try (WireClient client = new WireClient(address)) {
            client.send("HELO x\r\nECHO nul\u0000\r\nREQTIME\u0001\r\n\u001b[31mBYE\r\nECHO ok\r\n")
                    .expect("Hello x, pleased to meet you.")
                    .expect("ERR bad-character control character in request")
                    .expect("ERR bad-character control character in request")
                    .expect("ERR bad-character control character in request")
                    .expect("ok");
        }
        canaryIsServed();
    }

    @Test
    void shouldDeliverTheLastLineEvenToAClientThatKeepsSendingAfterIt() throws Exception {
        start(b -> b);
        for (int round = 0; round < 20; round++) {
            try (WireClient client = new WireClient(address)) {
                // input still unread when the server closes would make a plain close() send a reset, and a reset
                // discards the goodbye before the client reads it; 60,000 octets: within the discard limit
                client.send("HELO x\r\nBYE\r\n" + "ECHO after bye\r\n".repeat(4_000));
                client.expect("Hello x, pleased to meet you.").expect("See ya later");
                client.expectEndOfStream();
            }
        }
        canaryIsServed();
    }

    @Test
    void shouldStopReadingAClientThatStreamsAfterItsLastLinePastTheDiscardLimit() throws Exception {
        start(b -> b.set(Limits.MAX_DISCARD, 10_000).set(Timeouts.LINGER_TIMEOUT, Duration.ofHours(1)));
        try (WireClient client = new WireClient(address)) {
            client.send("HELO x\r\nBYE\r\n");
            client.expect("Hello x, pleased to meet you.").expect("See ya later");
            CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> {
                byte[] chunk = "z".repeat(1000).getBytes(StandardCharsets.US_ASCII);
                try {
                    for (int i = 0; i < 100_000; i++) { // 100 MB, bounded: the server cuts it long before
                        client.sendBytes(chunk);
                    }
                } catch (IOException cut) {
                    // expected: the server stopped reading it
                }
            }, threads);
            streaming.get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().currentConnections() == 1);
        }
        canaryIsServed();
    }

    @Test
    void shouldCloseAfterTheLingerTimeoutIfTheClientNeverCloses() throws Exception {
        start(b -> b.set(Timeouts.LINGER_TIMEOUT, Duration.ofSeconds(1)));
        try (WireClient client = new WireClient(address)) {
            client.send("BYE\r\n").expect("See ya later");
            client.expectEndOfStream(); // the server's FIN; the client keeps its side open
            await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().currentConnections() == 1); // the canary
        }
        canaryIsServed();
    }

    @Test
    void shouldShutDownGracefullyAnsweringWhatItReceivedAndTellingEveryClient() throws Exception {
        start(b -> b.set(Shutdown.DRAIN_TIMEOUT, Duration.ofSeconds(5)));
        List<WireClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WireClient client = new WireClient(address);
            client.send("HELO c" + i + "\r\nECHO before\r\n").expect("Hello c" + i + ", pleased to meet you.")
                    .expect("before");
            clients.add(client);
        }
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, threads);
        for (WireClient client : clients) {
            client.expect("ERR shutting-down server shutting down, closing connection");
            client.expectEndOfStream();
            client.close();
        }
        canary.expect("ERR shutting-down server shutting down, closing connection");
        canary.expectEndOfStream();
        closing.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new WireClient(address)).isInstanceOf(ConnectException.class);
        assertThat(server.counters().currentConnections()).isZero();
    }

    @Test
    void shouldGoOnServingEveryClientDuringTheDrainGraceThenDrainAsUsual() throws Exception {
        start(b -> b.set(Shutdown.DRAIN_GRACE, Duration.ofMinutes(5)).set(Shutdown.DRAIN_TIMEOUT, Duration.ofSeconds(5)));
        WireClient client = new WireClient(address);
        client.send("HELO midway\r\n").expect("Hello midway, pleased to meet you.");

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, threads);
        try (WireClient late = new WireClient(address)) { // still accepted: its balancer is still sending it
            late.send("HELO late\r\nBYE\r\n").expect("Hello late, pleased to meet you.").expect("See ya later");
        }
        client.send("ECHO still served\r\n").expect("still served"); // the session goes on
        assertThat(closing).as("the grace lasts").isNotDone();

        server.server().cutDrainShort(); // as a second SIGTERM: the grace ends and every connection is closed now
        client.socket().setSoTimeout(30_000);
        String rest = new String(client.socket().getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(rest).as("at most the closing line, then the end").isIn("",
                "ERR shutting-down server shutting down, closing connection\r\n");
        client.close();
        closing.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new WireClient(address)).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldCutAClientThatDoesNotDrainWithinTheDrainTimeout() throws Exception {
        start(b -> b.set(Limits.MAX_UNSENT, 4096).set(Shutdown.DRAIN_TIMEOUT, Duration.ofSeconds(1)));
        WireClient stuck = WireClient.slowReader(address);
        stuck.send("HELO stuck\r\n").expect("Hello stuck, pleased to meet you.");
        byte[] line = ("ECHO " + "q".repeat(500) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 40_000; i++) {
                    stuck.socket().getOutputStream().write(line);
                }
            } catch (IOException closedByServer) {
                // expected
            }
        }, threads);
        await().atMost(Duration.ofSeconds(20)).until(() -> server.counters().pausedConnections() == 1);
        // the stuck client never drains: without the cut at the drain timeout, close would never return
        CompletableFuture.runAsync(server::close, threads).get(60, TimeUnit.SECONDS);
        assertThat(server.counters().currentConnections()).isZero();
        stuck.reset();
    }
}
