package io.helo.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.codec.IpLiterals;
import io.helo.codec.ReplyWriter;
import io.helo.codec.Request;
import io.helo.codec.RequestLine;
import io.helo.codec.Response;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2014-01-29T22:23:14Z"), ZoneOffset.UTC);
    private final List<ErrorReason> errorsCounted = new ArrayList<>();
    private final Conversation conversation = conversation(address("147.174.73.237"), CLOCK, 10);

    @Test
    void shouldAnswerEveryCommandAsTheAssignmentShowsAfterHelo() {
        assertThat(lineFor(new Request.Helo("mycomputer"))).isEqualTo("Hello mycomputer, pleased to meet you.");
        assertThat(lineFor(new Request.ReqTime())).isEqualTo("22:23:14");
        assertThat(lineFor(new Request.ReqDate())).isEqualTo("2014-01-29");
        assertThat(lineFor(new Request.Echo("this is some random text."))).isEqualTo("this is some random text.");
        assertThat(lineFor(new Request.ReqIp())).isEqualTo("147.174.73.237");
        assertThat(conversation.ended()).isFalse();
        assertThat(lineFor(new Request.Bye())).isEqualTo("See ya later");
        assertThat(conversation.ended()).isTrue();
        assertThat(conversation.requests()).isEqualTo(6);
    }

    @Test
    void shouldGiveTimeAndDateInTheClocksZone() {
        Clock tokyo = CLOCK.withZone(ZoneId.of("Asia/Tokyo"));
        Conversation inTokyo = conversation(address("127.0.0.1"), tokyo, 10);
        answer(inTokyo, "HELO x");
        assertThat(answer(inTokyo, "REQTIME")).isEqualTo("07:23:14\r\n");
        assertThat(answer(inTokyo, "REQDATE")).isEqualTo("2014-01-30\r\n");
    }

    @Test
    void shouldRequireHeloBeforeAnythingButHeloAndBye() {
        String required = Response.ErrorReply.of(ErrorReason.HELO_REQUIRED).line();
        assertThat(lineFor(new Request.ReqTime())).isEqualTo(required);
        assertThat(lineFor(new Request.ReqDate())).isEqualTo(required);
        assertThat(lineFor(new Request.Echo("x"))).isEqualTo(required);
        assertThat(lineFor(new Request.ReqIp())).isEqualTo(required);
        assertThat(conversation.ended()).isFalse();
        assertThat(lineFor(new Request.Bye())).isEqualTo("See ya later");
    }

    @Test
    void shouldAcceptARepeatedHeloAndRememberTheLatestName() {
        lineFor(new Request.Helo("first"));
        assertThat(lineFor(new Request.Helo("second"))).isEqualTo("Hello second, pleased to meet you.");
        assertThat(conversation.hostname()).isEqualTo("second");
    }

    @Test
    void shouldAnswerInvalidLinesWithTheirErrorAndCountThem() {
        ReplyWriter out = new ReplyWriter(64);
        conversation.reject(ErrorReason.LINE_TOO_LONG, out);
        assertThat(text(out)).isEqualTo("ERR line-too-long request line too long\r\n");
        assertThat(conversation.requests()).isEqualTo(1);
        assertThat(answer(conversation, "FOO")).isEqualTo("ERR unknown-command unknown command\r\n");
        assertThat(errorsCounted).containsExactly(ErrorReason.LINE_TOO_LONG, ErrorReason.UNKNOWN_COMMAND);
    }

    @Test
    void shouldEndWithAFinalLineOnceTheErrorLimitIsReached() {
        Conversation strict = conversation(address("127.0.0.1"), CLOCK, 3);
        answer(strict, "FOO");
        answer(strict, "REQTIME"); // helo-required counts too
        assertThat(strict.ended()).isFalse();
        answer(strict, "HELO x"); // successes do not reset the count
        assertThat(answer(strict, "")).isEqualTo("ERR empty-line empty request line\r\n"
                + "ERR too-many-errors too many errors, closing connection\r\n");
        assertThat(strict.ended()).isTrue();
        assertThat(strict.endReason()).isEqualTo(EndReason.TOO_MANY_ERRORS);
        assertThat(errorsCounted).endsWith(ErrorReason.EMPTY_LINE, ErrorReason.TOO_MANY_ERRORS);
    }

    @Test
    void shouldEndAtOnceOnAnErrorThatClosesTheConnection() {
        ReplyWriter out = new ReplyWriter(64);
        conversation.reject(ErrorReason.UNTERMINATED_LINE, out);
        assertThat(text(out)).isEqualTo("ERR unterminated-line no line end in sight, closing connection\r\n");
        assertThat(conversation.ended()).isTrue();
        assertThat(conversation.endReason()).isEqualTo(EndReason.UNTERMINATED_LINE);
    }

    @Test
    void shouldAnswerEveryKindOfRequestWithoutAnError() {
        // the compiler makes the switch below, and the conversation's, cover every command
        lineFor(new Request.Helo("x"));
        for (Command command : Command.values()) {
            Request request = switch (command) {
                case HELO -> new Request.Helo("x");
                case REQTIME -> new Request.ReqTime();
                case REQDATE -> new Request.ReqDate();
                case ECHO -> new Request.Echo("x");
                case REQIP -> new Request.ReqIp();
                case BYE -> new Request.Bye();
            };
            assertThat(lineFor(request)).as(command.name()).doesNotStartWith(Response.ERROR_PREFIX);
        }
    }

    private String lineFor(Request request) {
        String reply = answer(conversation, request.line());
        assertThat(reply).endsWith("\r\n");
        return reply.substring(0, reply.length() - 2);
    }

    private static String answer(Conversation conversation, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        ReplyWriter out = new ReplyWriter(64);
        conversation.answer(new RequestLine().parse(bytes, 0, bytes.length), out);
        return text(out);
    }

    private static String text(ReplyWriter out) {
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static InetAddress address(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }

    private Conversation conversation(InetAddress address, Clock clock, int maxErrors) {
        return new Conversation(address, new ClockReplies(clock), maxErrors, errorsCounted::add);
    }
}
