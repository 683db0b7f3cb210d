package io.helo.codec.mina;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ServerCodecTest {
    private static final int MAX = 1000;
    private final CodecHarness codec = new CodecHarness(HeloCodecFactory.forServer(MAX));

    ServerCodecTest() throws Exception {
    }

    @Test
    void shouldDecodeEveryRequestEndingInCrlfOrLf() throws Exception {
        assertThat(codec.decode(bytes("HELO box\r\nREQTIME\nREQDATE\r\nECHO hi\nREQIP\r\nBYE\n"))).containsExactly(
                new Request.Helo("box"), new Request.ReqTime(), new Request.ReqDate(), new Request.Echo("hi"),
                new Request.ReqIp(), new Request.Bye());
    }

    @Test
    void shouldJoinLinesSplitAcrossReadsIncludingInsideAUtf8Character() throws Exception {
        byte[] cafe = "ECHO café\r\n".getBytes(UTF_8);
        assertThat(codec.decode(bytes("HE"), bytes("LO bo"), bytes("x\r"), bytes("\nREQ"), bytes("TIME\r\n"),
                java.util.Arrays.copyOfRange(cafe, 0, 9), java.util.Arrays.copyOfRange(cafe, 9, cafe.length)))
                .containsExactly(new Request.Helo("box"), new Request.ReqTime(), new Request.Echo("café"));
    }

    @Test
    void shouldAnswerEveryLineOfAReadInOrderWhenOneIsNotUtf8() throws Exception {
        byte[] read = "X1\n\u00c3(\nREQIP\nBYE\n".getBytes(ISO_8859_1);
        assertThat(codec.decode(read)).containsExactly(invalid(ErrorReason.UNKNOWN_COMMAND),
                invalid(ErrorReason.INVALID_UTF8), new Request.ReqIp(), new Request.Bye());
    }

    @Test
    void shouldRejectOverlongAndSurrogateUtf8Forms() throws Exception {
        byte[] overlongSlash = {'E', 'C', 'H', 'O', ' ', (byte) 0xc0, (byte) 0xaf, '\n'};
        byte[] surrogate = {'E', 'C', 'H', 'O', ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'};
        assertThat(codec.decode(overlongSlash, surrogate))
                .containsExactly(invalid(ErrorReason.INVALID_UTF8), invalid(ErrorReason.INVALID_UTF8));
    }

    @Test
    void shouldAcceptALineOfExactlyTheLimitAndRejectOneOctetMore() throws Exception {
        String fits = "ECHO " + "x".repeat(MAX - 5 - 2);
        String tooLong = "ECHO " + "x".repeat(MAX - 5 - 1);
        assertThat(codec.decode(bytes(fits + "\r\n" + tooLong + "\r\nREQIP\r\n"))).containsExactly(
                new Request.Echo("x".repeat(MAX - 7)), invalid(ErrorReason.LINE_TOO_LONG), new Request.ReqIp());
    }

    @Test
    void shouldReportAnOverlongLineSpreadOverManyReadsOnceAndDecodeTheNextLine() throws Exception {
        byte[] chunk = bytes("y".repeat(700));
        assertThat(codec.decode(bytes("ECHO "), chunk, chunk, chunk, bytes("\r\nBYE\r\n")))
                .containsExactly(invalid(ErrorReason.LINE_TOO_LONG), new Request.Bye());
    }

    @Test
    void shouldAnswerAnOverlongLineAsSoonAsItCannotFitWithoutWaitingForItsEnd() throws Exception {
        assertThat(codec.decode(bytes("ECHO " + "z".repeat(994)))).isEmpty(); // 999 octets: CRLF could still fit
        assertThat(codec.decode(bytes("z"))).containsExactly(invalid(ErrorReason.LINE_TOO_LONG));
        assertThat(codec.decode(bytes("z".repeat(5000)))).isEmpty();
        assertThat(codec.decode(bytes("zz\r\nREQIP\r\n"))).containsExactly(new Request.ReqIp());
    }

    @Test
    void shouldGiveUpOnALineThatNeverEndsPastTheDiscardLimit() throws Exception {
        CodecHarness small = new CodecHarness(HeloCodecFactory.forServer(100, 1000));
        assertThat(small.decode(bytes("REQIP\r\nECHO " + "z".repeat(200)))).containsExactly(new Request.ReqIp(),
                invalid(ErrorReason.LINE_TOO_LONG));
        assertThat(small.decode(bytes("z".repeat(800)))).isEmpty();
        assertThat(small.decode(bytes("z".repeat(100)))).containsExactly(invalid(ErrorReason.UNTERMINATED_LINE));
        assertThat(small.decode(bytes("\r\nREQIP\r\n"))).as("nothing after giving up").isEmpty();
        assertThat(small.bufferedBytesCapacity()).isLessThanOrEqualTo(128);
    }

    @Test
    void shouldTurnEmptyLinesAndControlCharactersIntoErrors() throws Exception {
        assertThat(codec.decode(bytes("\r\n\nECHO a\u0000b\r\nECHO a\rb\r\n"))).containsExactly(
                invalid(ErrorReason.EMPTY_LINE), invalid(ErrorReason.EMPTY_LINE), invalid(ErrorReason.BAD_CHARACTER),
                invalid(ErrorReason.BAD_CHARACTER));
    }

    @Test
    void shouldEncodeRepliesAsUtf8LinesEndingInCrlf() throws Exception {
        assertThat(codec.encode(new Response.Greeting("box"), new Response.CurrentTime(LocalTime.of(9, 8, 7)),
                new Response.Echo("café"), Response.ErrorReply.of(ErrorReason.HELO_REQUIRED)))
                .isEqualTo(bytes("Hello box, pleased to meet you.\r\n09:08:07\r\ncafé\r\nERR helo-required say HELO first\r\n"));
    }

    private static InvalidRequest invalid(ErrorReason reason) {
        return new InvalidRequest(reason);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
