package io.helo.codec.mina;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.helo.codec.ClosingNotice;
import io.helo.codec.ErrorReason;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.UnexpectedReply;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ClientCodecTest {
    private final CodecHarness codec = new CodecHarness(HeloCodecFactory.forClient(4096));

    ClientCodecTest() throws Exception {
    }

    @Test
    void shouldEncodeRequestsAsLinesEndingInCrlf() throws Exception {
        assertThat(codec.encode(new Request.Helo("box"), new Request.Echo("café"), new Request.Bye()))
                .isEqualTo("HELO box\r\nECHO café\r\nBYE\r\n".getBytes(UTF_8));
    }

    @Test
    void shouldParseEachReplyAsTheAnswerToTheRequestItFollows() throws Exception {
        codec.encode(new Request.Helo("box"), new Request.ReqTime(), new Request.Echo("12:00:00"), new Request.ReqIp());
        assertThat(codec.decode("Hello box, pleased to meet you.\r\n10:11:12\r\n12:00".getBytes(UTF_8),
                ":00\nERR helo-required say HELO first\r\n".getBytes(UTF_8))).containsExactly(
                new Response.Greeting("box"), new Response.CurrentTime(LocalTime.of(10, 11, 12)),
                new Response.Echo("12:00:00"), Response.ErrorReply.of(ErrorReason.HELO_REQUIRED));
    }

    @Test
    void shouldDeliverAReplyThatDoesNotAnswerItsRequestAsUnexpectedAndStayInStep() throws Exception {
        codec.encode(new Request.ReqDate(), new Request.Bye());
        assertThat(codec.decode("22:23:14\r\nSee ya later\r\n".getBytes(UTF_8))).containsExactly(
                new UnexpectedReply("22:23:14", new Request.ReqDate()), new Response.Goodbye());
    }

    @Test
    void shouldDeliverAReplyNoRequestAskedForAsUnexpected() throws Exception {
        assertThat(codec.decode("See ya later\r\n".getBytes(UTF_8)))
                .containsExactly(new UnexpectedReply("See ya later", null));
    }

    @Test
    void shouldDeliverALineTheServerSendsOnItsOwnAsAClosingNoticeWhateverIsAwaited() throws Exception {
        assertThat(codec.decode("ERR busy too many connections, try again later\r\n".getBytes(UTF_8)))
                .containsExactly(new ClosingNotice(Response.ErrorReply.of(ErrorReason.BUSY)));
        codec.encode(new Request.Helo("box"), new Request.ReqTime());
        assertThat(codec.decode(("Hello box, pleased to meet you.\r\n"
                + "ERR shutting-down server shutting down, closing connection\r\n").getBytes(UTF_8))).containsExactly(
                new Response.Greeting("box"), new ClosingNotice(Response.ErrorReply.of(ErrorReason.SHUTTING_DOWN)));
    }

    @Test
    void shouldDeliverAReplyOverTheLimitAsUnexpectedWithoutKeepingIt() throws Exception {
        CodecHarness small = new CodecHarness(HeloCodecFactory.forClient(100));
        small.encode(new Request.Echo("x".repeat(98)), new Request.Bye());
        assertThat(small.decode(("x".repeat(150) + "\r\nSee ya later\r\n").getBytes(UTF_8))).containsExactly(
                UnexpectedReply.overLimit(new Request.Echo("x".repeat(98))), new Response.Goodbye());
    }
}
