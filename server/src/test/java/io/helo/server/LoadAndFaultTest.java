package io.helo.server;

import io.helo.server.config.Timeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A bounded load with faults: 1,000 well-behaved clients, all connected at once, each complete a session whose
 * every reply is checked, while 100 others send garbage, reset, stream endless lines or never read. Every loop
 * is bounded in count and time; only loopback addresses are used.
 */
class LoadAndFaultTest {
    private static final int GOOD_CLIENTS = 1000;
    private static final int EACH_KIND_OF_BAD = 25;
    private static final int GOOD_ADDRESSES = 20; // 50 clients per address, within the per-address limit

    @Test
    void shouldServeEveryGoodClientExactlyWhileOthersMisbehave() throws Exception {
        // no quiet-period line ends: the endless-line clients send in pieces, and a loaded machine may pause
        // them for longer than the quiet period, which would (as documented) cut their line in two
        LoopbackServer server = LoopbackServer.start(b -> b.set(Timeouts.QUIET_LINE_END, Duration.ZERO));
        InetSocketAddress address = server.address();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        warmUp(address, server);
        List<String> baselineThreads = serverThreads();

        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 20, TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(GOOD_CLIENTS + 5 * EACH_KIND_OF_BAD); // + writers
        CountDownLatch allGreeted = new CountDownLatch(GOOD_CLIENTS);
        CountDownLatch goodDone = new CountDownLatch(GOOD_CLIENTS);
        List<CompletableFuture<Void>> good = new ArrayList<>();
        List<CompletableFuture<Void>> bad = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < EACH_KIND_OF_BAD; i++) {
                int n = i;
                bad.add(CompletableFuture.runAsync(() -> garbage(address, n), pool));
                bad.add(CompletableFuture.runAsync(() -> resetter(address), pool));
                bad.add(CompletableFuture.runAsync(() -> endlessLine(address), pool));
                bad.add(CompletableFuture.runAsync(() -> neverReads(address, goodDone, pool), pool));
            }
            for (int i = 0; i < GOOD_CLIENTS; i++) {
                int n = i;
                good.add(CompletableFuture.runAsync(() -> goodSession(address, n, allGreeted, goodDone), pool));
            }
            CompletableFuture.allOf(good.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            CompletableFuture.allOf(bad.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            sampler.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        await().atMost(Duration.ofSeconds(30)).until(() -> server.counters().currentConnections() == 0);
        assertThat(server.counters().clientAddresses()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> serverThreads().equals(baselineThreads));
        System.out.printf("load-and-fault: %d good clients (%d requests, all verified), %d misbehaving, %d ms,"
                        + " %d requests answered in all, peak heap %d MiB, threads back to %d%n",
                GOOD_CLIENTS, GOOD_CLIENTS * 6, 4 * EACH_KIND_OF_BAD, millis, server.counters().requests(),
                peakHeap.get() >> 20, serverThreads().size());
        server.close();
    }

    /** HELO, wait until every good client is connected, then five pipelined requests; every byte checked. */
    private static void goodSession(InetSocketAddress server, int n, CountDownLatch allGreeted, CountDownLatch done) {
        InetAddress from = loopback(1 + n % GOOD_ADDRESSES);
        try (WireClient client = new WireClient(server, from)) {
            client.send("HELO good" + n + "\r\n").expect("Hello good" + n + ", pleased to meet you.");
            allGreeted.countDown();
            assertThat(allGreeted.await(60, TimeUnit.SECONDS)).as("all connected at once").isTrue();
            client.send("REQTIME\r\nREQDATE\r\nECHO payload " + n + "\r\nREQIP\r\nBYE\r\n");
            assertThat(client.readLine()).matches("\\d\\d:\\d\\d:\\d\\d\r\n");
            assertThat(client.readLine()).matches("\\d{4}-\\d\\d-\\d\\d\r\n");
            client.expect("payload " + n).expect(from.getHostAddress()).expect("See ya later");
            client.expectEndOfStream();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("good client " + n, e);
        } finally {
            done.countDown();
        }
    }

    /** Random bytes, line ends included, then a close; the replies are not read. */
    private static void garbage(InetSocketAddress server, int seed) {
        byte[] bytes = new byte[20_000];
        new Random(seed).nextBytes(bytes);
        try (WireClient client = new WireClient(server, loopback(101))) {
            client.sendBytes(bytes);
        } catch (IOException closedByServer) {
            // the error limit may close it mid-write: that is the point
        }
    }

    /** HELO, half a request, then a TCP reset. */
    private static void resetter(InetSocketAddress server) {
        try {
            WireClient client = new WireClient(server, loopback(102));
            client.send("HELO reset\r\n").expect("Hello reset, pleased to meet you.");
            client.send("ECHO half a requ");
            client.reset();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A line that never ends: answered once, then closed past the discard limit. */
    private static void endlessLine(InetSocketAddress server) {
        try (WireClient client = new WireClient(server, loopback(103))) {
            client.send("ECHO ");
            byte[] chunk = "e".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 9; i++) { // 72 KiB: past the 1000 + 65536 octets the server reads
                client.sendBytes(chunk);
            }
            client.expect("ERR line-too-long request line too long")
                    .expect("ERR unterminated-line no line end in sight, closing connection");
            client.expectEndOfStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pipelines requests without ever reading, until the good clients are done; then resets. */
    private static void neverReads(InetSocketAddress server, CountDownLatch goodDone, ExecutorService pool) {
        try {
            WireClient client = WireClient.slowReader(server);
            OutputStream out = client.socket().getOutputStream();
            byte[] line = ("ECHO " + "n".repeat(200) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write("HELO flood\r\n".getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 50_000; i++) {
                        out.write(line);
                    }
                } catch (IOException reset) {
                    // ends when the socket is reset below
                }
            }, pool);
            goodDone.await(120, TimeUnit.SECONDS);
            client.reset();
            writing.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a few connections at once so that every I/O thread has started before the thread baseline. */
    private static void warmUp(InetSocketAddress server, LoopbackServer helo) throws IOException {
        List<WireClient> clients = new ArrayList<>();
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors() + 2; i++) {
            WireClient client = new WireClient(server);
            client.send("HELO warm\r\n").expect("Hello warm, pleased to meet you.");
            clients.add(client);
        }
        for (WireClient client : clients) {
            client.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> helo.counters().currentConnections() == 0);
    }

    /** The server's threads, by name: its I/O threads (MINA renames them while they run) and its acceptor. */
    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("helo-") || name.startsWith("NioProcessor")
                        || name.startsWith("NioSocketAcceptor"))
                .sorted().collect(Collectors.toList());
    }

    private static InetAddress loopback(int lastOctet) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
