package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.config.Listening;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerWireTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2014-01-29T22:23:14Z"), ZoneOffset.UTC);

    private LoopbackServer server;
    private InetSocketAddress address;

    @BeforeEach
    void startServer() throws Exception {
        server = LoopbackServer.start(b -> b.clock(CLOCK));
        address = server.address();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void shouldAnswerTheAssignmentsSessionByteForByte() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO mycomputer\r\n").expect("Hello mycomputer, pleased to meet you.");
            client.send("REQTIME\r\n").expect("22:23:14");
            client.send("REQDATE\r\n").expect("2014-01-29");
            client.send("ECHO this is some random text.\r\n").expect("this is some random text.");
            client.send("REQIP\r\n").expect("127.0.0.1");
            client.send("BYE\r\n").expect("See ya later");
            client.expectEndOfStream();
        }
    }

    @Test
    void shouldAcceptBareLfAndAnyCaseAndAlwaysReplyWithCrlf() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("helo box\n").expect("Hello box, pleased to meet you.");
            client.send("ReqTime\n").expect("22:23:14");
            client.send("echo  spaced  out \n").expect(" spaced  out ");
            client.send("bye\n").expect("See ya later");
            client.expectEndOfStream();
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderFromOneWrite() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO box\r\nREQDATE\r\nECHO 1\r\nECHO 2\r\nREQIP\r\n")
                    .expect("Hello box, pleased to meet you.").expect("2014-01-29").expect("1").expect("2")
                    .expect("127.0.0.1");
        }
    }

    @Test
    void shouldWriteTheRepliesToOneReadInFewerWritesThanReplies() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO box\r\n").expect("Hello box, pleased to meet you.");
            long before = server.counters().writes();
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                requests.append("ECHO ").append(i).append("\r\n");
            }
            client.send(requests.toString());
            for (int i = 0; i < 16; i++) {
                client.expect(String.valueOf(i));
            }
            // 16 replies from one small write of the client: batched, not written one by one
            assertThat(server.counters().writes() - before).isLessThan(16);
        }
    }

    @Test
    void shouldTakeBytesWithoutALineEndAsALineAfterTheQuietPeriod() throws Exception {
        try (WireClient client = new WireClient(address)) {
            // a legacy client: no line end, then it waits for the reply (300 ms of silence ends the line)
            client.send("HELO legacy").expect("Hello legacy, pleased to meet you.");
            client.send("ECHO no end").expect("no end");
            client.send("REQIP").shutdownOutput().expect("127.0.0.1").expectEndOfStream();
        }
    }

    @Test
    void shouldRequireHeloFirstAndKeepTheSessionOpen() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("REQTIME\r\n").expect("ERR helo-required say HELO first");
            client.send("ECHO x\r\n").expect("ERR helo-required say HELO first");
            client.send("HELO box\r\n").expect("Hello box, pleased to meet you.");
            client.send("REQTIME\r\n").expect("22:23:14");
        }
    }

    @Test
    void shouldAllowByeBeforeHelo() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("BYE\r\n").expect("See ya later");
            client.expectEndOfStream();
        }
    }

    @Test
    void shouldAnswerEveryKindOfBadLineWithItsErrorAndCarryOn() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO box\r\n").expect("Hello box, pleased to meet you.");
            client.send("FOO\r\n").expect("ERR unknown-command unknown command");
            client.send("\r\n").expect("ERR empty-line empty request line");
            client.send("HELO\r\n").expect("ERR bad-argument wrong or missing argument");
            client.send("REQTIME now\r\n").expect("ERR bad-argument wrong or missing argument");
            client.send("ECHO " + "x".repeat(1000) + "\r\n").expect("ERR line-too-long request line too long");
            client.sendBytes("ECHO \u00c3(\r\n".getBytes(StandardCharsets.ISO_8859_1))
                    .expect("ERR invalid-utf8 request is not valid UTF-8");
            client.send("ECHO a\u0000b\r\n").expect("ERR bad-character control character in request");
            client.send("ECHO still here\r\n").expect("still here");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELO a\u0000b", "REQTIME\u0000", "REQDATE\u0007", "ECHO \u0000", "REQIP\u001b[0m",
        "BYE\u007f", "\u0000", "NOPE\u0085", "ECHO a\rb"})
    void shouldRejectNulAndOtherControlCharactersTheSameWayForEveryCommand(String line) throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO box\r\n").expect("Hello box, pleased to meet you.");
            client.send(line + "\r\n").expect("ERR bad-character control character in request");
            client.send("ECHO fine\tafter\r\n").expect("fine\tafter"); // TAB is text, not a control here
        }
    }

    @Test
    void shouldCloseAfterTheGoodbyeAndIgnoreLinesPipelinedAfterBye() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO box\r\nBYE\r\nREQTIME\r\nREQDATE\r\n")
                    .expect("Hello box, pleased to meet you.").expect("See ya later");
            client.expectEndOfStream();
        }
    }

    @Test
    void shouldDeliverEveryReplyToAClientThatHalfClosesAfterItsRequests() throws Exception {
        try (WireClient client = new WireClient(address)) {
            client.send("HELO box\r\nREQTIME\r\nECHO last\r\n").shutdownOutput();
            client.expect("Hello box, pleased to meet you.").expect("22:23:14").expect("last");
            client.expectEndOfStream();
        }
    }

    @Test
    void shouldReportIpv6ClientsInCompressedForm() throws Exception {
        server.close();
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        server = LoopbackServer.start(b -> b.clock(CLOCK).set(Listening.BIND, List.of(ipv6Loopback)));
        InetSocketAddress ipv6 = server.address();
        try (WireClient client = new WireClient(ipv6)) {
            client.send("HELO box\r\nREQIP\r\n").expect("Hello box, pleased to meet you.").expect("::1");
        }
    }

    @Test
    void shouldServeManyClientsAtOnceEachWithItsOwnState() throws Exception {
        int clients = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch allGreeted = new CountDownLatch(clients);
        List<CompletableFuture<Void>> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                String name = "client" + i;
                sessions.add(CompletableFuture.runAsync(() -> {
                    try (WireClient client = new WireClient(address)) {
                        client.send("HELO " + name + "\r\n").expect("Hello " + name + ", pleased to meet you.");
                        allGreeted.countDown();
                        // every session is open at once before any goes on
                        assertThat(allGreeted.await(30, TimeUnit.SECONDS)).isTrue();
                        client.send("ECHO " + name + "\r\nREQIP\r\nBYE\r\n")
                                .expect(name).expect("127.0.0.1").expect("See ya later");
                        client.expectEndOfStream();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(sessions.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.counters().currentConnections() == 0);
    }
}
