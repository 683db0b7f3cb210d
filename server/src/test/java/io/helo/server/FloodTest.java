package io.helo.server;

import io.helo.server.config.Limits;
import io.helo.server.config.Timeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of clients that pipeline requests as fast as the server reads them and never read a reply: what the
 * server holds for them is bounded in octets, measured as live heap after a GC, and a well-behaved client is served
 * all along. Loopback only; every loop is bounded in count and time.
 */
class FloodTest {
    private static final int ADDRESSES = 4;
    private static final int PER_ADDRESS = 100; // within the default per-address limit
    private static final byte[] REQIPS = "REQIP\r\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);

    private final List<SocketChannel> flooders = new ArrayList<>();
    private LoopbackServer server;

    @AfterEach
    void stop() throws IOException {
        for (SocketChannel flooder : flooders) {
            flooder.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset: nothing to drain
            flooder.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldHoldABoundedNumberOfOctetsPerNonReadingPipelinerAndServeOthersMeanwhile() throws Exception {
        ServerConfig defaults = ServerConfig.defaults();
        server = LoopbackServer.start(b -> b.set(Timeouts.WRITE_TIMEOUT, Duration.ofDays(1))
                .set(Timeouts.IDLE_TIMEOUT, Duration.ofDays(1)));
        InetSocketAddress address = server.address();
        WireClient canary = new WireClient(address, InetAddress.getByName("127.0.0.254"));
        canary.send("HELO canary\r\n").expect("Hello canary, pleased to meet you.");
        for (int a = 1; a <= ADDRESSES; a++) {
            for (int i = 0; i < PER_ADDRESS; i++) {
                flooders.add(connect(address, InetAddress.getByName("127.0.1." + a)));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> server.counters().currentConnections() == 1 + flooders.size());
        long before = liveHeap();

        long worstCanaryNanos = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int probes = 0;
        int paused;
        // a paused flooder may resume for a moment when the kernel takes more of its replies: the count seen last
        while ((paused = server.counters().pausedConnections()) < flooders.size() && System.nanoTime() < deadline) {
            pumpOnce();
            long sent = System.nanoTime();
            canary.send("ECHO probe " + probes + "\r\n").expect("probe " + probes);
            worstCanaryNanos = Math.max(worstCanaryNanos, System.nanoTime() - sent);
            probes++;
        }
        assertThat(paused).as("every flooder was paused").isEqualTo(flooders.size());
        long held = server.counters().heldBytes();
        long perConnection = (liveHeap() - before) / flooders.size();
        long worstWhileTheyHoldOn = 0;
        for (int i = 0; i < 200; i++) { // the flooders hold on, paused, their sockets full
            long sent = System.nanoTime();
            canary.send("HELO canary\r\nECHO still\r\n").expect("Hello canary, pleased to meet you.").expect("still");
            worstWhileTheyHoldOn = Math.max(worstWhileTheyHoldOn, System.nanoTime() - sent);
        }

        // the documented bound: unanswered requests (one read) + unsent replies (the threshold and one turn)
        // + an unfinished line; the connection's fixed cost is in the baseline
        long bound = 2L * defaults.get(Limits.MAX_READ) + defaults.get(Limits.MAX_UNSENT)
                + defaults.get(Limits.MAX_LINE_LENGTH);
        System.out.printf("flood: %d non-reading pipeliners, live heap %d KiB each after GC (bound %d KiB), held"
                        + " %d KiB in all by the server's count; canary worst %.1f ms over %d probes while they"
                        + " flood in, %.1f ms over 200 HELO+ECHO while they hold on%n", flooders.size(),
                perConnection >> 10, bound >> 10, held >> 10, worstCanaryNanos / 1e6, probes,
                worstWhileTheyHoldOn / 1e6);
        assertThat(perConnection).isLessThanOrEqualTo(bound);
        assertThat(held / flooders.size()).isLessThanOrEqualTo(bound);
        canary.send("ECHO after\r\n").expect("after");
        canary.close();
    }

    /** Sends each flooder as many requests as its socket takes now, without ever reading. */
    private void pumpOnce() throws IOException {
        for (SocketChannel flooder : flooders) {
            ByteBuffer requests = ByteBuffer.wrap(REQIPS);
            while (requests.hasRemaining() && flooder.write(requests) > 0) {
                // until the socket takes no more
            }
        }
    }

    private static SocketChannel connect(InetSocketAddress server, InetAddress from) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096); // the replies pile up at the server quickly
        channel.bind(new InetSocketAddress(from, 0));
        channel.connect(server);
        channel.write(ByteBuffer.wrap("HELO flood\r\n".getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        return channel;
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
