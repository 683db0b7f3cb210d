package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.ops.MetricsEndpoint;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint under clients that send their request headers an octet at a time and never finish: a health
 * check is answered at once all along, the protocol port is unaffected, the slow clients are cut at the header time
 * limit (or sooner, to make room at the connection cap), and a request head too large is refused. Loopback only.
 */
class MetricsSlowClientsTest {
    private static final int SLOW_CLIENTS = 200;
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    private static final String SERVING = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 8\r\nConnection: close\r\n\r\nserving\n";

    private final List<Socket> slow = new ArrayList<>();
    private LoopbackServer server;
    private MetricsEndpoint metrics;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.start();
        metrics = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new MetricsEndpoint.Limits(HEADER_TIMEOUT, MetricsEndpoint.Limits.DEFAULT.maxConnections()),
                server.counters(), () -> true, Optional::empty);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : slow) {
            socket.close();
        }
        metrics.close();
        server.close();
    }

    @Test
    void shouldAnswerHealthChecksPromptlyWhileSlowClientsHoldConnectionsAndCutThemAtTheHeaderTimeLimit()
            throws Exception {
        long[] before = healthChecks(20);
        long slowSince = System.nanoTime();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            Socket socket = new Socket();
            slow.add(socket);
            socket.connect(metrics.address(), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x".getBytes(StandardCharsets.US_ASCII));
        }
        for (Socket socket : slow) {
            try {
                socket.getOutputStream().write('y'); // one more octet each, and never the end of the head
            } catch (IOException closedToMakeRoom) {
                // one of the oldest, closed at the connection cap: what the endpoint does to stay reachable
            }
        }
        long[] during = healthChecks(20);
        try (WireClient client = new WireClient(server.address())) {
            client.send("HELO x\r\nBYE\r\n").expect("Hello x, pleased to meet you.").expect("See ya later");
        }
        System.out.printf("/health with %d slow clients: p50 %.2f ms, max %.2f ms (before: p50 %.2f ms, max %.2f ms)%n",
                SLOW_CLIENTS, millis(during, 50), millis(during, 100), millis(before, 50), millis(before, 100));
        // every health check above was answered to the octet; its latency is printed, not asserted: a machine
        // shared with other builds makes any bound on it flaky

        for (Socket socket : slow) {
            assertThat(readAll(socket.getInputStream())).as("a slow client's connection, cut without a reply")
                    .isEmpty();
        }
        long cutAfterMillis = Duration.ofNanos(System.nanoTime() - slowSince).toMillis();
        // not before the limit (a lower bound no load can break); that they were cut at all, readAll's time-out shows
        assertThat(cutAfterMillis).as("the last slow client cut at the header time limit")
                .isGreaterThanOrEqualTo(HEADER_TIMEOUT.toMillis() - 100);
    }

    @Test
    void shouldRefuseARequestHeadTooLargeAndAnswerHeadAndUnknownPaths() throws Exception {
        String huge = "GET /health HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n";
        assertThat(exchange(huge)).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
        assertThat(exchange("HEAD /health HTTP/1.1\r\n\r\n")).isEqualTo(SERVING.substring(0, SERVING.indexOf("serving")));
        assertThat(exchange("GET /nowhere HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(exchange("POST /health HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 405 Method Not Allowed\r\n");
        assertThat(exchange("hello\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(exchange("GET /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\n# HELP helo_open_connections ");
    }

    /** {@code count} health checks one after the other, each checked to the octet; their times, sorted. */
    private long[] healthChecks(int count) throws IOException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            assertThat(exchange("GET /health HTTP/1.1\r\nHost: balancer\r\n\r\n")).isEqualTo(SERVING);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** Connects, sends {@code request}, and reads the response to the end of the stream. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(metrics.address(), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException reset) {
            return ""; // cut with a reset: nothing was sent either
        }
    }

    private static double millis(long[] sortedNanos, int percentile) {
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[index] / 1e6;
    }
}
