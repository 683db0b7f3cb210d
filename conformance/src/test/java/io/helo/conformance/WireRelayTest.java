package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interop relay and judge without sandboxes: a client on the relay's Unix-domain socket, a server on loopback that
 * answers as told; what the relay records, and what the judge makes of it.
 */
class WireRelayTest {
    private static final String SESSION = "HELO box\r\nREQIP\r\nECHO  two\r\nBYE\r\n";

    @TempDir
    Path dir;

    @Test
    void shouldRecordBothDirectionsInOrderAndJudgeACompleteSessionAsWorking() throws Exception {
        WireRelay.Connection connection = session(List.of("Hello box, pleased to meet you.\r\n", "127.0.0.1\r\n",
                " two\r\n", "See ya later\r\n"));

        assertThat(new String(connection.sent(), StandardCharsets.UTF_8)).isEqualTo(SESSION);
        assertThat(new String(connection.received(), StandardCharsets.UTF_8)).isEqualTo("Hello box, pleased to meet"
                + " you.\r\n127.0.0.1\r\n two\r\nSee ya later\r\n");
        assertThat(PairingJudge.judge(connection, "127.0.0.1", 0, null)).isEqualTo(PairingJudge.Result.works());
        assertThat(PairingJudge.judge(connection, "127.0.0.1", 3, null)).isEqualTo(PairingJudge.Result.fails(
                "the client exited with status 3 after a complete session"));
        assertThat(PairingJudge.judge(connection, "127.0.0.1", 0, "the server under test exited with status 1"))
                .isEqualTo(PairingJudge.Result.fails("the server under test exited with status 1"));
    }

    @Test
    void shouldNameTheFirstReplyThatIsNotWhatTheProtocolRequires() throws Exception {
        WireRelay.Connection connection = session(List.of("Hello box, pleased to meet you.\r\n", "::1\r\n",
                "two\r\n", "See ya later\r\n"));

        assertThat(PairingJudge.judge(connection, "127.0.0.1", 0, null)).isEqualTo(PairingJudge.Result.fails(
                "the reply to \"REQIP\" was \"::1\", not \"127.0.0.1\" (the address the server saw)"));
    }

    @Test
    void shouldSayWhenTheServerClosedBeforeAnswering() throws Exception {
        WireRelay.Connection connection = session(List.of("Hello box, pleased to meet you.\r\n"));

        assertThat(PairingJudge.judge(connection, "127.0.0.1", 0, null)).isEqualTo(PairingJudge.Result.fails(
                "no reply to \"REQIP\": the server closed the connection first"));
        assertThat(PairingJudge.judge(null, "127.0.0.1", 1, null)).isEqualTo(PairingJudge.Result.fails(
                "the client never connected (it exited with status 1)"));
    }

    @Test
    void shouldRecordWhatTheServerSentAfterTheClientLeftWithoutReading() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            relayed(server, (relay, client) -> {
                client.close(); // all sent, nothing read
                try (Socket accepted = server.accept()) {
                    assertThat(accepted.getInputStream().readAllBytes()).asString(StandardCharsets.UTF_8)
                            .isEqualTo(SESSION);
                    OutputStream out = accepted.getOutputStream();
                    out.write("Hello box, pleased to meet you.\r\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    await().atMost(Duration.ofSeconds(30)).until(() -> relay.transcript().stream()
                            .anyMatch(e -> e.startsWith("1= the client took no more")));
                    out.write("127.0.0.1\r\n two\r\nSee ya later\r\n".getBytes(StandardCharsets.UTF_8));
                }
                assertThat(relay.awaitEnd(Duration.ofSeconds(30))).isTrue();
                WireRelay.Connection connection = relay.first();
                assertThat(new String(connection.received(), StandardCharsets.UTF_8)).isEqualTo("Hello box, pleased"
                        + " to meet you.\r\n127.0.0.1\r\n two\r\nSee ya later\r\n");
                assertThat(PairingJudge.judge(connection, "127.0.0.1", 0, null)).isEqualTo(PairingJudge.Result.works());
                return null;
            });
        }
    }

    @Test
    void shouldTakeOctetsWithoutALineEndAsALineWhereTheirSenderPausedOrEnded() {
        byte[] octets = "Hello a, pleased to meet you.12:00:00\r\n2026-01-01See ya later".getBytes(
                StandardCharsets.UTF_8);

        List<String> lines = PairingJudge.lines(octets, List.of(29, 49), true).stream()
                .map(l -> new String(l, StandardCharsets.UTF_8)).toList();

        assertThat(lines).containsExactly("Hello a, pleased to meet you.", "12:00:00", "2026-01-01", "See ya later");
        assertThat(PairingJudge.lines(octets, List.of(), false)).hasSize(1);
    }

    @Test
    void shouldEndALineAtAPauseAsAnLfWouldAndNoLineWhereNothingWaits() {
        String octets = "HELO a\r" + "REQIP\r\n" + "\r" + "\n" + "x\ry\r\r\n" + "BYE";

        // a CR before a pause is half a line end; a pause right after an LF ends nothing; an LF after a pause ends an
        // empty line; any other CR stays in its line; a pause at the very end ends a line though the sender did not end
        assertThat(lines(octets, List.of(7, 14, 15, 25), false)).containsExactly("HELO a", "REQIP", "", "", "x\ry\r",
                "BYE");
        assertThat(lines("HELO a", List.of(6), true)).containsExactly("HELO a");
    }

    @Test
    void shouldTakeWhatWaitsAtTheEndAsALineOnlyWhenItsSenderEndedItsSideWithoutAHalfLineEnd() {
        assertThat(lines("REQIP\nBYE\r", List.of(), true)).containsExactly("REQIP", "BYE"); // PROTOCOL.md 2.1
        assertThat(lines("REQIP\nBYE\r", List.of(), false)).containsExactly("REQIP");
        assertThat(lines("REQIP\r\n", List.of(), true)).containsExactly("REQIP");
    }

    /** {@link PairingJudge#lines} of {@code octets}, each line as text. */
    private static List<String> lines(String octets, List<Integer> pauses, boolean ended) {
        return PairingJudge.lines(octets.getBytes(StandardCharsets.UTF_8), pauses, ended).stream()
                .map(l -> new String(l, StandardCharsets.UTF_8)).toList();
    }

    /**
     * Runs {@link #SESSION} through a relay to a server that reads it all, then answers with {@code replies} and
     * closes; the relay's first connection once both sides ended.
     */
    private WireRelay.Connection session(List<String> replies) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    in.readNBytes(SESSION.length());
                    OutputStream out = socket.getOutputStream();
                    for (String reply : replies) {
                        out.write(reply.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            return relayed(server, (relay, client) -> {
                client.shutdownOutput();
                ByteBuffer buffer = ByteBuffer.allocate(1024);
                while (client.read(buffer) >= 0) {
                    if (!buffer.hasRemaining()) {
                        buffer.clear();
                    }
                }
                served.get();
                assertThat(relay.awaitEnd(Duration.ofSeconds(30))).isTrue();
                assertThat(relay.connections()).isEqualTo(1);
                assertThat(relay.transcript()).startsWith("1= the client connected", "1> \"HELO box\\r\\n\"");
                return relay.first();
            });
        }
    }

    /**
     * Starts a relay to {@code server}, connects a client to it that sends {@link #SESSION}, and runs {@code then}
     * with both; closes the client and the relay after it.
     */
    private <T> T relayed(ServerSocket server, Relayed<T> then) throws Exception {
        Path socket = dir.resolve("wire.sock");
        try (WireRelay relay = WireRelay.start(socket, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                server.getLocalPort()));
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            client.write(ByteBuffer.wrap(SESSION.getBytes(StandardCharsets.UTF_8)));
            return then.run(relay, client);
        }
    }

    /** What a test does with a relay and the client that sent {@link #SESSION} through it. */
    private interface Relayed<T> {
        T run(WireRelay relay, SocketChannel client) throws Exception;
    }
}
