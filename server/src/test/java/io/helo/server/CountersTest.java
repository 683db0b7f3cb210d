package io.helo.server;

import ch.qos.logback.classic.Logger;
import io.helo.server.config.Connections;
import io.helo.server.config.Logging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helo.server.ops.HeloServerMXBean;
import io.helo.server.ops.StatsLog;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMX;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The counters an operator reads: over JMX, and as a periodic INFO line. */
class CountersTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private LoopbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(StatsLog.class).detachAppender(log);
    }

    @Test
    void shouldCountConnectionsRequestsErrorsRefusalsAndBytesOverJmx() throws Exception {
        server = LoopbackServer.start(b -> b.set(Connections.MAX_CONNECTIONS_PER_IP, 1));
        InetSocketAddress address = server.address();
        HeloServerMXBean counters = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                server.server().mbeanName(), HeloServerMXBean.class);
        assertThat(server.server().mbeanName().toString()).isEqualTo("io.helo:type=HeloServer,port=" + address.getPort());

        try (WireClient client = new WireClient(address)) {
            client.send("REQTIME\r\nHELO x\r\nECHO a\r\nECHO b\r\nFOO\r\n\r\n")
                    .expect("ERR helo-required say HELO first").expect("Hello x, pleased to meet you.")
                    .expect("a").expect("b").expect("ERR unknown-command unknown command")
                    .expect("ERR empty-line empty request line");
            try (WireClient refused = new WireClient(address)) {
                refused.expect("ERR busy too many connections, try again later");
            }
            assertThat(counters.getCurrentConnections()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.getCurrentConnections() == 0);
        assertThat(counters.getTotalConnections()).isEqualTo(1);
        assertThat(counters.getRequestsByCommand()).containsEntry("HELO", 1L).containsEntry("REQTIME", 1L)
                .containsEntry("ECHO", 2L).containsEntry("invalid", 2L).containsEntry("BYE", 0L);
        assertThat(counters.getErrorsByReason()).containsEntry("helo-required", 1L)
                .containsEntry("unknown-command", 1L).containsEntry("empty-line", 1L).containsEntry("busy", 1L)
                .containsEntry("line-too-long", 0L);
        assertThat(counters.getRefusedByReason()).containsEntry("too-many-from-address", 1L)
                .containsEntry("too-many-connections", 0L);
        assertThat(counters.getBytesIn()).isEqualTo("REQTIME\r\nHELO x\r\nECHO a\r\nECHO b\r\nFOO\r\n\r\n".length());
        assertThat(counters.getBytesOut()).isEqualTo(String.join("\r\n", "ERR helo-required say HELO first",
                "Hello x, pleased to meet you.", "a", "b", "ERR unknown-command unknown command",
                "ERR empty-line empty request line", "ERR busy too many connections, try again later", "").length());
    }

    @Test
    void shouldLogASummaryLineAtTheConfiguredInterval() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger serverLog = context.getLogger(StatsLog.class);
        serverLog.setLevel(Level.INFO);
        log.setContext(context);
        log.start();
        serverLog.addAppender(log);
        server = LoopbackServer.start(b -> b.set(Logging.STATS_INTERVAL, Duration.ofMillis(300)));
        InetSocketAddress address = server.address();
        try (WireClient client = new WireClient(address)) {
            client.send("HELO x\r\nNOPE\r\n").expect("Hello x, pleased to meet you.")
                    .expect("ERR unknown-command unknown command");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(messages()).anyMatch(m -> m.matches(
                    // lines dropped counts the whole JVM's log, so other tests in this fork may have added to it
                    "stats: connections 1 now, 1 total, 0 refused; requests 2; errors 1; bytes in 14, out 68,"
                            + " held 0; log lines dropped \\d+")));
        }
    }

    private List<String> messages() {
        synchronized (log) {
            List<String> lines = new ArrayList<>();
            log.list.forEach(e -> lines.add(e.getFormattedMessage()));
            return lines;
        }
    }
}
