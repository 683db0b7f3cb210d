package io.helo.client;

import io.helo.server.config.Connections;
import io.helo.server.config.Listening;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMainTest {
    private static final String GOOD_HELO = "Hello box, pleased to meet you.\r\n";
    /**
     * The fake's line and its reset reach the client within one read event most of the time, not always (when the
     * client reads in between, nothing is at risk): a few tries make sure a client that loses the line fails.
     */
    private static final int RESET_TRIES = 3;
    /** Only guards against a hang: each of these sessions ends in milliseconds, whatever the client's timeout. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldRunTheWholeSessionAgainstTheRealServerAndPrintEachStep() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2014-01-29T22:23:14Z"), ZoneOffset.UTC);
        try (LoopbackServer server = LoopbackServer.start(b -> b.clock(clock))) {
            int port = server.port();
            int exit = run("--host", "127.0.0.1", "--port", String.valueOf(port), "--helo-name", "box");
            assertThat(text(err)).isEmpty();
            assertThat(exit).isZero();
            assertThat(text(out)).matches("Connecting to 127\\.0\\.0\\.1:" + port + " \\.\\.\\.\n"
                    + "Connected to 127\\.0\\.0\\.1:" + port + " from 127\\.0\\.0\\.1:\\d+\n"
                    + "> HELO box\n< Hello box, pleased to meet you\\.\n  The server greeted us as box\\.\n"
                    + "> REQTIME\n< 22:23:14\n  The server's time is 22:23:14\\.\n"
                    + "> REQDATE\n< 2014-01-29\n  The server's date is 2014-01-29\\.\n"
                    + "> ECHO this is some random text\\.\n< this is some random text\\.\n"
                    + "  The server echoed our text unchanged\\.\n"
                    + "> REQIP\n< 127\\.0\\.0\\.1\n  The server sees us at 127\\.0\\.0\\.1\\.\n"
                    + "> BYE\n< See ya later\n  The server said goodbye\\.\n"
                    + "The server closed the connection\\. All 6 commands succeeded\\.\n");
        }
    }

    @Test
    void shouldTalkToAnIpv6ServerAndSeeItsCompressedAddress() throws Exception {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        try (LoopbackServer server = LoopbackServer.start(b -> b.set(Listening.BIND, List.of(ipv6Loopback)))) {
            int port = server.port();
            assertThat(run("--host", "::1", "--port", String.valueOf(port), "--helo-name", "six")).isZero();
            assertThat(text(out)).contains("Connecting to [::1]:" + port + " ...\nConnected to [::1]:" + port,
                    "< ::1\n  The server sees us at ::1.\n");
        }
    }

    @Test
    void shouldSayConnectionRefusedWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free once closed
        }
        assertThat(run("--host", "127.0.0.1", "--port", String.valueOf(port))).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: cannot connect to 127.0.0.1:" + port + ": connection refused\n");
    }

    @Test
    void shouldFailOnAGreetingForAnotherName() throws Exception {
        Map<String, String> replies = Map.of("HELO", "Hello somebody, pleased to meet you.\r\n");
        assertThat(runAgainst(replies, true)).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: the server greeted somebody instead of box\n");
    }

    @Test
    void shouldFailOnAMalformedTimeAndQuoteIt() throws Exception {
        Map<String, String> replies = Map.of("HELO", GOOD_HELO, "REQTIME", "10:61:00\r\n");
        assertThat(runAgainst(replies, true)).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: unexpected reply to REQTIME: \"10:61:00\"\n");
    }

    @Test
    void shouldFailOnAnErrorReplyAndShowIt() throws Exception {
        Map<String, String> replies = Map.of("HELO", GOOD_HELO, "REQTIME", "ERR helo-required say HELO first\r\n");
        assertThat(runAgainst(replies, true)).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: the server refused REQTIME: ERR helo-required say HELO first\n");
    }

    @Test
    void shouldFailOnAnEchoThatChangedTheText() throws Exception {
        Map<String, String> replies = Map.of("HELO", GOOD_HELO, "REQTIME", "10:00:00\r\n", "REQDATE", "2020-02-02\r\n",
                "ECHO", "THIS IS SOME RANDOM TEXT.\r\n");
        assertThat(runAgainst(replies, true)).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: unexpected reply to ECHO: \"THIS IS SOME RANDOM TEXT.\"\n");
    }

    @Test
    void shouldTimeOutWhenNoReplyComes() throws Exception {
        assertThat(runAgainst(Map.of(), true, "--timeout", "0.3")).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: no reply to HELO within 300 ms\n");
    }

    @Test
    void shouldFailWhenTheServerKeepsTheConnectionOpenAfterBye() throws Exception {
        assertThat(runAgainst(everyReply(), false, "--timeout", "0.5")).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: the server did not close the connection after BYE\n");
    }

    @Test
    void shouldFailWhenTheServerHangsUpMidSession() throws Exception {
        Map<String, String> replies = everyReply();
        replies.put("REQIP", FakeServer.HANG_UP);
        assertThat(runAgainst(replies, true)).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: the server closed the connection before replying to REQIP\n");
    }

    @Test
    void shouldSayAtOnceThatTheServerRefusedTheConnectionWhenItIsBusy() throws Exception {
        Map<String, String> replies = Map.of(FakeServer.ON_CONNECT,
                "ERR busy too many connections, try again later\r\n" + FakeServer.HANG_UP);
        int exit = assertTimeoutPreemptively(HANG_GUARD, () -> runAgainst(replies, true, "--timeout", "3600"));
        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).isEqualTo(
                "client: the server refused the connection: busy (too many connections, try again later)\n");
    }

    @Test
    void shouldSayAtOnceThatTheRealServerAtItsLimitRefusedTheConnection() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(b -> b.set(Connections.MAX_CONNECTIONS, 1));
             WireClient holder = new WireClient(server.address())) {
            holder.send("HELO holder\r\n").expect("Hello holder, pleased to meet you.");
            int exit = assertTimeoutPreemptively(HANG_GUARD, () -> run("--host", "127.0.0.1", "--port",
                    String.valueOf(server.port()), "--helo-name", "box", "--timeout", "3600"));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo(
                    "client: the server refused the connection: busy (too many connections, try again later)\n");
            assertThat(text(out)).contains("< ERR busy too many connections, try again later\n");
        }
    }

    @Test
    void shouldSayAtOnceThatTheServerIsShuttingDownWhileAReplyIsAwaited() throws Exception {
        Map<String, String> replies = Map.of("HELO", GOOD_HELO,
                "REQTIME", "ERR shutting-down server shutting down, closing connection\r\n" + FakeServer.HANG_UP);
        int exit = assertTimeoutPreemptively(HANG_GUARD, () -> runAgainst(replies, true, "--timeout", "3600"));
        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).isEqualTo(
                "client: the server is shutting down: shutting-down (server shutting down, closing connection)\n");
    }

    @RepeatedTest(RESET_TRIES)
    void shouldShowTheBusyLineOfAServerThatResetsTheConnectionRightAfterIt() throws Exception {
        Map<String, String> replies = Map.of("HELO",
                "ERR busy too many connections, try again later\r\n" + FakeServer.RESET);
        int exit = assertTimeoutPreemptively(HANG_GUARD, () -> runAgainst(replies, true, "--timeout", "3600"));
        assertThat(text(err)).isEqualTo(
                "client: the server refused the connection: busy (too many connections, try again later)\n");
        assertThat(text(out)).endsWith("> HELO box\n< ERR busy too many connections, try again later\n");
        assertThat(exit).isEqualTo(1);
    }

    @RepeatedTest(RESET_TRIES)
    void shouldSucceedWhenTheServerResetsTheConnectionRightAfterItsGoodbye() throws Exception {
        Map<String, String> replies = everyReply();
        replies.put("BYE", "See ya later\r\n" + FakeServer.RESET);
        int exit = assertTimeoutPreemptively(HANG_GUARD, () -> runAgainst(replies, true, "--timeout", "3600"));
        assertThat(text(err)).isEmpty();
        assertThat(text(out)).endsWith("> BYE\n< See ya later\n  The server said goodbye.\n"
                + "The server closed the connection. All 6 commands succeeded.\n");
        assertThat(exit).isZero();
    }

    @Test
    void shouldSayAtOnceThatTheServerClosedWithoutALineWhileAReplyIsAwaited() throws Exception {
        Map<String, String> replies = Map.of("HELO", GOOD_HELO, "REQTIME", FakeServer.HANG_UP);
        int exit = assertTimeoutPreemptively(HANG_GUARD, () -> runAgainst(replies, true, "--timeout", "3600"));
        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: the server closed the connection before replying to REQTIME\n");
    }

    @Test
    void shouldPassAgainstAFakeThatFollowsTheSpecification() throws Exception {
        assertThat(runAgainst(everyReply(), true)).isZero();
        assertThat(text(out)).endsWith("All 6 commands succeeded.\n");
    }

    @Test
    void shouldRefuseAReplyLongerThanTheLimit() throws Exception {
        Map<String, String> replies = everyReply();
        replies.put("ECHO", "x".repeat(200) + "\r\n");
        assertThat(runAgainst(replies, true, "--max-reply-length", "100")).isEqualTo(1);
        assertThat(text(err)).isEqualTo("client: reply line longer than --max-reply-length\n");
    }

    @Test
    void shouldRejectBadOptionsWithExitCodeTwo() {
        assertThat(run("--timeout", "0")).isEqualTo(2);
        assertThat(text(err)).isEqualTo("client: --timeout must be more than 0 and at most 86400 seconds: 0\n"
                + "Try 'client --help' for more information.\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port=70000            | client: --port must be between 1 and 65535: 70000",
        "--port=x                | client: Invalid value for option '--port': 'x' is not an int",
        "--timeout=soon          | client: Invalid value for option '--timeout': 'soon' is not a number",
        "--max-reply-length=10   | client: --max-reply-length must be at least 64: 10",
        "--quiet-line-end=99999  | client: --quiet-line-end must be between 0 and 10000 milliseconds: 99999",
        "--helo-name=two words   | client: --helo-name must be one word of at most 255 octets, without spaces or control characters: two words",
        "--bogus                 | client: Unknown option: '--bogus'",
    })
    void shouldSayInOneLineWhichOptionWasRejectedAndHintAtHelp(String option, String message) {
        assertThat(run(option)).isEqualTo(2);
        assertThat(text(err)).isEqualTo(message + "\nTry 'client --help' for more information.\n");
    }

    @Test
    void shouldListEveryOptionWithItsDefault() {
        assertThat(run("--help")).isZero();
        assertThat(text(out)).contains("--host=<host>", "Default: localhost", "--port=<port>", "Default: 8008",
                "--timeout=SECONDS", "Default: 10", "--helo-name=NAME", "--max-reply-length=OCTETS", "Default: 65536",
                "--quiet-line-end=MILLIS", "Default: 300", "--version");
    }

    private static Map<String, String> everyReply() {
        Map<String, String> replies = new HashMap<>();
        replies.put("HELO", GOOD_HELO);
        replies.put("REQTIME", "10:00:00\r\n");
        replies.put("REQDATE", "2020-02-02\r\n");
        replies.put("ECHO", "this is some random text.\r\n");
        replies.put("REQIP", "127.0.0.1\r\n");
        replies.put("BYE", "See ya later\r\n");
        return replies;
    }

    private int runAgainst(Map<String, String> replies, boolean closeAfterBye, String... extra) throws Exception {
        try (FakeServer server = new FakeServer(replies, closeAfterBye)) {
            String[] base = {"--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--helo-name", "box"};
            String[] args = new String[base.length + extra.length];
            System.arraycopy(base, 0, args, 0, base.length);
            System.arraycopy(extra, 0, args, base.length, extra.length);
            return run(args);
        }
    }

    private int run(String... args) {
        return ClientMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
