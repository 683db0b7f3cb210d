package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import io.helo.server.ops.DroppedLogLines;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Runs the server under the project's real logback.xml and checks what reaches the log. */
class LoggingTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private LoopbackServer server;
    private InetSocketAddress address;

    @BeforeEach
    void configureLikeProduction() throws Exception {
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("..", "logback.xml").toFile());
        events.setContext(context);
        events.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(events);
        server = LoopbackServer.start();
        address = server.address();
    }

    @AfterEach
    void restoreTestLogging() throws Exception {
        server.close();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void shouldLogAResetOnceAtInfoAndNothingAtWarnOrError() throws Exception {
        WireClient canary = new WireClient(address);
        canary.send("HELO canary\r\n").expect("Hello canary, pleased to meet you.");
        WireClient reader = new WireClient(address);
        reader.send("HELO reader\r\n").expect("Hello reader, pleased to meet you.");
        reader.reset(); // reset while idle: MINA's read fails

        WireClient writer = WireClient.slowReader(address);
        writer.send("HELO writer\r\n").expect("Hello writer, pleased to meet you.");
        writer.send(("ECHO " + "w".repeat(900) + "\r\n").repeat(2000)); // replies pile up unread
        writer.reset(); // reset with replies queued: MINA's write fails

        canary.send("ECHO still served\r\nBYE\r\n").expect("still served").expect("See ya later");
        canary.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().currentConnections() == 0);
        assertThat(events.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(messages()).filteredOn(m -> m.contains(" disconnected (") && !m.contains("(bye)")).hasSize(2)
                .allMatch(m -> m.matches("\\S+ disconnected \\((connection error|client closed)\\) after \\d+ requests?"
                        + " in \\d+ ms: HELO (reader|writer), 0 errors, \\d+ bytes in, \\d+ out"));
    }

    @Test
    void shouldEscapeAndCapClientTextInEveryLogLine() throws Exception {
        context.getLogger("io.helo").setLevel(Level.DEBUG); // as --verbose does
        String name = "evil.gnp.exe" + "n".repeat(243); // 255 octets, the longest host name
        try (WireClient client = new WireClient(address)) {
            // a format character such as the right-to-left override is no part of a host name (PROTOCOL.md 5.1)
            client.send("HELO evil\u202egnp.exe\r\n").expect("ERR bad-argument wrong or missing argument");
            client.send("HELO " + name + "\r\n").expect("Hello " + name + ", pleased to meet you.");
            client.send("ECHO \u001b[2J\u2028fake line\r\n").expect("ERR bad-character control character in request");
            client.send("ECHO \u2028fake\u202eline\u200b\r\n").expect("\u2028fake\u202eline\u200b");
            client.send("BYE\r\n").expect("See ya later");
            client.expectEndOfStream();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().currentConnections() == 0);
        List<String> lines = messages();
        assertThat(lines).anyMatch(m -> m.contains("disconnected (bye) after 5 requests in ")
                && m.contains(": HELO evil.gnp.exe" + "n".repeat(68) + "...(255 chars), 2 errors, "));
        assertThat(lines).anyMatch(m -> m.contains("ECHO \\u2028fake\\u202eline\\u200b -> \\u2028fake\\u202eline\\u200b"));
        assertThat(lines).anyMatch(m -> m.contains("ECHO \\x1b[2J\\u2028fake line -> ERR bad-character"));
        for (String line : lines) {
            assertThat(line.codePoints()).as(line).noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
                    || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029);
            assertThat(line.length()).as(line).isLessThan(300);
        }
    }

    @Test
    void shouldLogTwentyThousandHelosOfOneClientInItsOneLine() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO flood\r\n".repeat(20_000) + "BYE\r\n");
            assertThat(replies(client)).isEqualTo("Hello flood, pleased to meet you.\r\n".repeat(20_000)
                    + "See ya later\r\n");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().currentConnections() == 0);
        List<String> lines = messages();
        long bytes = lines.stream().mapToLong(m -> m.length() + "2026-11-25T15:28:30.610Z INFO  \n".length()).sum();
        System.out.printf("log: 20,000 HELO lines from one client made %d log line(s), %d bytes%n", lines.size(), bytes);
        assertThat(lines).singleElement().asString().contains(" disconnected (bye) after 20001 requests in ");
    }

    @Test
    void shouldServeEveryoneWhileTheLogOutputIsStalledAndCountWhatItDrops() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        AppenderBase<ILoggingEvent> stalled = new AppenderBase<>() { // a pipe nobody reads: every write blocks
            @Override
            protected void append(ILoggingEvent event) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        AsyncAppender production = (AsyncAppender) root.getAppender("ASYNC");
        AsyncAppender async = new AsyncAppender(); // as logback.xml sets it up, writing to the stalled output
        async.setContext(context);
        async.setQueueSize(production.getQueueSize());
        async.setDiscardingThreshold(production.getDiscardingThreshold());
        async.setNeverBlock(production.isNeverBlock());
        stalled.setContext(context);
        stalled.start();
        async.addAppender(stalled);
        async.start();
        root.detachAppender(production);
        production.stop();
        root.addAppender(async);
        DroppedLogLines.install();
        context.getLogger("io.helo").setLevel(Level.DEBUG); // every request a log line: a flood of them
        try (WireClient flood = new WireClient(address); WireClient other = new WireClient(address)) {
            flood.send("HELO flood\r\n".repeat(20_000) + "BYE\r\n");
            assertThat(replies(flood)).hasSize(35 * 20_000 + 14);
            other.send("HELO other\r\nECHO still served\r\n").expect("Hello other, pleased to meet you.")
                    .expect("still served");
        } finally {
            released.countDown();
        }
        // 20,001 answered requests each a line; the queue holds queueSize of them, and Logback's worker, stalled in
        // its first append, holds what it drained from the queue before: at most another queueSize
        assertThat(server.counters().logLinesDropped())
                .isGreaterThanOrEqualTo(20_001 - 2L * production.getQueueSize() - 1);
    }

    private static String replies(WireClient client) throws IOException {
        return new String(client.socket().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private List<String> messages() {
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }
}
