package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker's memory against a server that answers every connection with one line that never ends: every case is
 * graded, and the live heap after GC stays within a few MiB of what it was (each connection holds at most
 * {@link ReplyReader#DEFAULT_CAP} octets), where it grew by gigabytes when a reply was held whole.
 */
class EndlessReplyMemoryTest {
    /** The bound docs/CONFORMANCE.md gives: the live heap grows by less than this while grading such a server. */
    private static final long BOUND = 16L << 20;

    @Test
    void shouldGradeAnEndlessReplyWithinABoundedHeap() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        List<Long> live = new ArrayList<>();
        try (ServerSocket endless = endlessServer()) {
            ServerTarget target = new ServerTarget("127.0.0.1", endless.getLocalPort(), Duration.ofMillis(500),
                    Duration.ofMillis(200), ZoneId.systemDefault(), Duration.ofSeconds(300), 1000, 10, List.of());

            Report report = Runner.run("endless", "server", ServerCases.all(), target,
                    new Selection(List.of(), Map.of(), true), c -> Duration.ofSeconds(5), r -> {
                        memory.gc();
                        live.add(memory.getHeapMemoryUsage().getUsed());
                    });

            assertThat(report.failed()).isTrue();
            assertThat(report.results()).filteredOn(r -> r.testCase().id().equals("server/5.1/greeting")).singleElement()
                    .satisfies(r -> assertThat(r.detail()).startsWith("a reply of more than 65536 octets without a line"
                            + " end: \"xxxxxxxx"));
        }
        assertThat(live).hasSizeGreaterThan(30).allSatisfy(used -> assertThat(used - before).isLessThan(BOUND));
    }

    /** A server that writes x to every connection until it is closed. */
    private static ServerSocket endlessServer() throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            byte[] chunk = "x".repeat(65536).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            while (true) {
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException closed) {
                    return;
                }
                Thread writer = new Thread(() -> {
                    try (socket) {
                        while (true) {
                            socket.getOutputStream().write(chunk);
                        }
                    } catch (IOException e) {
                        // the checker closed the connection
                    }
                }, "endless-writer");
                writer.setDaemon(true);
                writer.start();
            }
        }, "endless-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }
}
