package io.helo.server;

import io.helo.server.config.Listening;
import io.helo.server.config.Proxy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helo.server.testing.Haproxy;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Two server instances behind a real HAProxy, one frontend sending PROXY v1 and one v2, with HELO/BYE health
 * checks. Clients connect from 127.0.0.2, another loopback address, so the address HAProxy passes on differs from
 * the proxy's own. Skipped with a reason when HAProxy is not installed, except under CI, where it must be.
 */
class HaproxyIT {
    private static final InetAddress CLIENT = loopback(2);

    private final List<LoopbackServer> servers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Haproxy haproxy;

    @BeforeEach
    void requireHaproxy() {
        Haproxy.require();
    }

    @AfterEach
    void stop() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        servers.forEach(LoopbackServer::close);
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
                    .set(Listening.BIND, List.of(loopback(1)))
                    .set(Proxy.PROXY_PROTOCOL_FROM, List.of(Cidr.parse("127.0.0.1/32"))));
            backends[i] = server.port();
            servers.add(server);
        }
        int v1 = Haproxy.freePort();
        int v2 = Haproxy.freePort();
        haproxy = Haproxy.start(
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
                backend("helo_v2", "send-proxy-v2", backends));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> haproxy.serversUp(Set.of("a", "b")) == 4); // both servers, in both backends, passed the HELO/BYE check

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


    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
