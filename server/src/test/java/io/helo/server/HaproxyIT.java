package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Two server instances behind a real HAProxy, one frontend sending PROXY v1 and one v2, with HELO/BYE health
 * checks. Clients connect from 127.0.0.2, another loopback address, so the address HAProxy passes on differs from
 * the proxy's own. Skipped with a reason when HAProxy is not installed, except under CI, where it must be.
 */
class HaproxyIT {
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final InetAddress CLIENT = loopback(2);

    private final List<LoopbackServer> servers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Process haproxy;
    private Path work;

    @BeforeEach
    void requireHaproxy() {
        if (!Files.isExecutable(HAPROXY)) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("HAProxy is required under CI: apt-get install -y haproxy");
            }
            Assumptions.abort("HAProxy is not installed (apt-get install -y haproxy): skipping the HAProxy test");
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (haproxy != null) {
            haproxy.toHandle().destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
            haproxy.destroyForcibly();
        }
        servers.forEach(LoopbackServer::close);
        if (work != null) {
            try (var files = Files.list(work)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(work);
        }
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.helo").detachAppender(log);
    }

    @Test
    void shouldPassTheRealClientAddressThroughBothVersionsAndSpreadConnections() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger heloLog = context.getLogger("io.helo");
        heloLog.setLevel(Level.INFO);
        log.setContext(context);
        log.start();
        heloLog.addAppender(log);

        // two instances whose clocks differ by an hour: REQTIME tells which one answered
        int[] backends = new int[2];
        for (int i = 0; i < 2; i++) {
            Clock clock = Clock.fixed(Instant.parse("2014-01-29T0" + (i + 1) + ":00:00Z"), ZoneOffset.UTC);
            LoopbackServer server = LoopbackServer.start(b -> b.clock(clock)
                    .bindAddresses(List.of(new InetSocketAddress(loopback(1), 0)))
                    .trustedProxies(List.of(Cidr.parse("127.0.0.1/32"))));
            backends[i] = server.port();
            servers.add(server);
        }
        int v1 = freePort();
        int v2 = freePort();
        work = Files.createTempDirectory("haproxy-it");
        Path config = work.resolve("haproxy.cfg");
        Files.writeString(config, String.join("\n",
                "global",
                "  stats socket " + work.resolve("admin.sock") + " mode 600 level admin",
                "defaults",
                "  mode tcp",
                "  timeout connect 5s",
                "  timeout client 30s",
                "  timeout server 30s",
                "frontend helo_v1",
                "  bind 127.0.0.1:" + v1,
                "  default_backend helo_v1",
                "frontend helo_v2",
                "  bind 127.0.0.1:" + v2,
                "  default_backend helo_v2",
                backend("helo_v1", "send-proxy", backends),
                backend("helo_v2", "send-proxy-v2", backends),
                ""));
        haproxy = new ProcessBuilder(HAPROXY.toString(), "-f", config.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(work.resolve("haproxy.log").toFile()).start();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> serversUp() == 4); // both servers, in both backends, passed the HELO/BYE check

        for (int port : new int[] {v1, v2}) {
            Set<String> answeredBy = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                try (WireClient client = new WireClient(new InetSocketAddress(loopback(1), port), CLIENT)) {
                    client.send("HELO through-haproxy\r\nREQIP\r\nREQTIME\r\nBYE\r\n")
                            .expect("Hello through-haproxy, pleased to meet you.")
                            .expect("127.0.0.2");
                    answeredBy.add(client.readLine());
                    client.expect("See ya later");
                }
            }
            assertThat(answeredBy).as("round robin over both instances").containsExactlyInAnyOrder(
                    "01:00:00\r\n", "02:00:00\r\n");
        }
        List<ILoggingEvent> events;
        synchronized (log) { // health checks go on logging meanwhile
            events = new ArrayList<>(log.list);
        }
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("127.0.0.2:") && m.contains(": HELO through-haproxy, 0 errors"))
                .noneMatch(m -> m.contains("haproxy-check")); // health checks are logged at DEBUG only
    }

    private static String backend(String name, String proxyOption, int[] ports) {
        return String.join("\n",
                "backend " + name,
                "  balance roundrobin",
                "  option tcp-check",
                "  tcp-check send \"HELO haproxy-check\\r\\n\"",
                "  tcp-check expect string \"Hello haproxy-check, pleased to meet you.\"",
                "  tcp-check send \"BYE\\r\\n\"",
                "  tcp-check expect string \"See ya later\"",
                "  server a 127.0.0.1:" + ports[0] + " " + proxyOption + " check inter 300ms",
                "  server b 127.0.0.1:" + ports[1] + " " + proxyOption + " check inter 300ms");
    }

    /** Servers HAProxy reports UP, from its stats socket. */
    private int serversUp() {
        try (SocketChannel stats = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            stats.connect(UnixDomainSocketAddress.of(work.resolve("admin.sock")));
            stats.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            while (stats.read(in) >= 0) {
                if (!in.hasRemaining()) {
                    break;
                }
            }
            String csv = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            int up = 0;
            for (String line : csv.split("\n")) {
                String[] cells = line.split(",");
                if (cells.length > 17 && (cells[1].equals("a") || cells[1].equals("b")) && cells[17].equals("UP")) {
                    up++;
                }
            }
            return up;
        } catch (IOException notYet) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, loopback(1))) {
            return probe.getLocalPort();
        }
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
