package io.helo.codec.mina;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helo.codec.ErrorReason;
import io.helo.codec.Request;
import io.helo.codec.Response;
import java.time.LocalTime;
import org.apache.mina.filter.codec.RecoverableProtocolDecoderException;
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
                new Response.Greeting("box"), new Response.Time(LocalTime.of(10, 11, 12)),
                new Response.Echo("12:00:00"), Response.Error.of(ErrorReason.HELO_REQUIRED));
    }

    @Test
    void shouldRejectAReplyThatDoesNotAnswerItsRequest() throws Exception {
        codec.encode(new Request.ReqDate());
        assertThatThrownBy(() -> codec.decode("22:23:14\r\n".getBytes(UTF_8)))
                .isInstanceOf(RecoverableProtocolDecoderException.class)
                .hasMessageStartingWith("unexpected reply to REQDATE: \"22:23:14\"");
    }

    @Test
    void shouldRejectAReplyNoRequestAskedFor() {
        assertThatThrownBy(() -> codec.decode("See ya later\r\n".getBytes(UTF_8)))
                .isInstanceOf(RecoverableProtocolDecoderException.class)
                .hasMessageStartingWith("reply without a request: \"See ya later\"");
    }
}
