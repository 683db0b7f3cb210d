package io.helo.codec.blocking;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.helo.codec.ClosingNotice;
import io.helo.codec.ErrorReason;
import io.helo.codec.LineEnd;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.UnexpectedReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blocking API against a scripted peer on a loopback socket: what each side reads and how it ends. */
class HeloClientTest {
    /** So long that a test which waited for it would visibly hang: a reply must never be waited for in vain. */
    private static final Duration PATIENT = Duration.ofHours(1);
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final ExecutorService peer = Executors.newSingleThreadExecutor();
    private ServerSocket listener;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        peer.shutdownNow();
        listener.close();
    }

    @Test
    void shouldExchangeRequestsForTheirTypedAnswers() throws Exception {
        serve("Hello me, pleased to meet you.\r\n", "ERR helo-required say HELO first\n", "0:0:0:0:0:0:0:1");
        try (HeloClient client = connect(Duration.ofMillis(300))) {
            assertThat(client.exchange(new Request.Helo("me"))).isEqualTo(new Response.Greeting("me"));
            assertThat(client.exchange(new Request.ReqTime())).isEqualTo(Response.ErrorReply.of(ErrorReason.HELO_REQUIRED));
            Response address = client.exchange(new Request.ReqIp()); // no line end: the quiet period ends it
            assertThat(address).isEqualTo(new Response.Address("0:0:0:0:0:0:0:1"));
            assertThat(((Response.Address) address).isCanonical()).isFalse();
        }
    }

    @Test
    void shouldSayAtOnceThatTheServerEndedTheSessionWithItsNoticeWhateverTheTimeout() throws Exception {
        serve("ERR busy too many connections, try again later\r\n", null);
        try (HeloClient client = connect(Duration.ZERO)) {
            SessionEndedException ended = assertTimeoutPreemptively(HANG_GUARD,
                    () -> catchSessionEnded(() -> client.exchange(new Request.Helo("me"))));
            assertThat(ended.notice()).contains(new ClosingNotice(Response.ErrorReply.of(ErrorReason.BUSY)));
            assertThat(ended).hasMessage("the server ended the session: busy (too many connections, try again later)");
        }
    }

    @Test
    void shouldSayAtOnceThatTheServerClosedWithoutALine() throws Exception {
        serve((String) null);
        try (HeloClient client = connect(Duration.ZERO)) {
            SessionEndedException ended = assertTimeoutPreemptively(HANG_GUARD,
                    () -> catchSessionEnded(() -> client.exchange(new Request.Helo("me"))));
            assertThat(ended.notice()).isEmpty();
        }
    }

    @Test
    void shouldRefuseAnAnswerThatIsNoValidReply() throws Exception {
        serve("Hi me\r\n");
        try (HeloClient client = connect(Duration.ZERO)) {
            assertThatThrownBy(() -> client.exchange(new Request.Helo("me")))
                    .isInstanceOf(ProtocolViolationException.class).hasMessage("unexpected reply to HELO: \"Hi me\"");
        }
    }

    @Test
    void shouldTimeOutWhenNoReplyComes() throws Exception {
        CompletableFuture<Void> silent = serve();
        try (HeloClient client = HeloClient.connect((InetSocketAddress) listener.getLocalSocketAddress(),
                new HeloClient.Settings(Duration.ofMillis(200), 1000, Duration.ZERO))) {
            assertThatThrownBy(() -> client.exchange(new Request.ReqIp())).isInstanceOf(SocketTimeoutException.class);
        }
        silent.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldReportAReplyLineWithoutEndOnceAndNotAsTheNextRequestsReply() throws Exception {
        serve("z".repeat(1000 + 65_536 + 100), null); // past the limit and the discard limit, then closes
        try (HeloClient client = connect(Duration.ZERO)) {
            client.send(new Request.ReqTime());
            client.send(new Request.ReqDate());
            assertThat(client.receive()).isEqualTo(UnexpectedReply.overLimit(new Request.ReqTime()));
            SessionEndedException ended = assertTimeoutPreemptively(HANG_GUARD, () -> catchSessionEnded(client::receive));
            assertThat(ended.notice()).isEmpty(); // REQDATE was never answered
        }
    }

    @Test
    void shouldReadRequestsAsAServerDoesWithEveryFramingRule() throws Exception {
        byte[] input = ("HELO box\r\nREQTIME\r\r\nECHO " + "x".repeat(100) + "\nBYE").getBytes(UTF_8);
        LineReader reader = LineReader.of(new ByteArrayInputStream(input), 50, 1000);
        assertThat(reader.readRequest(Duration.ZERO)).isEqualTo(new Request.Helo("box"));
        assertThat(reader.readRequest(Duration.ZERO)).isEqualTo(new io.helo.codec.InvalidRequest(ErrorReason.BAD_CHARACTER));
        assertThat(reader.readRequest(Duration.ZERO)).isEqualTo(new io.helo.codec.InvalidRequest(ErrorReason.LINE_TOO_LONG));
        assertThat(reader.readRequest(Duration.ZERO)).isEqualTo(new Request.Bye()); // ended by the end of the stream
        assertThat(reader.readRequest(Duration.ZERO)).isNull();
    }

    @Test
    void shouldTellHowEachLineEnded() throws Exception {
        CompletableFuture.runAsync(() -> {
            try (Socket socket = listener.accept()) {
                socket.getOutputStream().write("a\r\nb\nc".getBytes(UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, peer);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            LineReader reader = LineReader.of(socket, 100, 100, Duration.ofMillis(200));
            assertThat(((LineReader.Line) reader.read(PATIENT)).end()).isEqualTo(LineEnd.CRLF);
            assertThat(((LineReader.Line) reader.read(PATIENT)).end()).isEqualTo(LineEnd.LF);
            LineReader.Line last = (LineReader.Line) reader.read(PATIENT);
            assertThat(last.text()).isEqualTo("c");
            assertThat(last.end()).isIn(LineEnd.SILENCE, LineEnd.END_OF_STREAM); // whichever the peer's close beats
            assertThat(reader.read(PATIENT)).isNull();
        }
    }

    private HeloClient connect(Duration quiet) throws IOException {
        return HeloClient.connect((InetSocketAddress) listener.getLocalSocketAddress(),
                new HeloClient.Settings(PATIENT, 1000, quiet));
    }

    /**
     * Accepts one connection and answers each line read from it with the next reply; a {@code null} reply closes
     * the connection instead. With no replies, it reads until the client closes.
     */
    private CompletableFuture<Void> serve(String... replies) {
        return CompletableFuture.runAsync(() -> {
            try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (String reply : replies) {
                    if (reply == null) {
                        return;
                    }
                    while (in.read() != '\n') {
                        // the request's octets up to its line end
                    }
                    out.write(reply.getBytes(UTF_8));
                }
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, peer);
    }

    private static SessionEndedException catchSessionEnded(Callable call) {
        try {
            call.run();
        } catch (SessionEndedException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected the session to end, got " + e, e);
        }
        throw new AssertionError("expected the session to end");
    }

    /** A call that may fail with an I/O error. */
    private interface Callable {
        void run() throws IOException;
    }
}
