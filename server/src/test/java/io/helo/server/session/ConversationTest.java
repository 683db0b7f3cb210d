package io.helo.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConversationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2014-01-29T22:23:14Z"), ZoneOffset.UTC);
    private final Conversation conversation = conversation(new Response.Address("147.174.73.237"), CLOCK, 10);

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
        Conversation inTokyo = conversation(new Response.Address("127.0.0.1"), tokyo, 10);
        inTokyo.respond(new Request.Helo("x"));
        assertThat(inTokyo.respond(new Request.ReqTime()).line()).isEqualTo("07:23:14");
        assertThat(inTokyo.respond(new Request.ReqDate()).line()).isEqualTo("2014-01-30");
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
        assertThat(conversation.respond(new InvalidRequest(ErrorReason.LINE_TOO_LONG)).line())
                .isEqualTo("ERR line-too-long request line too long");
        assertThat(conversation.requests()).isEqualTo(1);
    }

    @Test
    void shouldEndWithAFinalLineOnceTheErrorLimitIsReached() {
        Conversation strict = conversation(new Response.Address("127.0.0.1"), CLOCK, 3);
        strict.respond(new InvalidRequest(ErrorReason.UNKNOWN_COMMAND));
        strict.respond(new Request.ReqTime()); // helo-required counts too
        assertThat(strict.closingLine()).isNull();
        strict.respond(new Request.Helo("x")); // successes do not reset the count
        assertThat(strict.respond(new InvalidRequest(ErrorReason.EMPTY_LINE)).line())
                .isEqualTo("ERR empty-line empty request line");
        assertThat(strict.closingLine().line()).isEqualTo("ERR too-many-errors too many errors, closing connection");
        assertThat(strict.ended()).isTrue();
        assertThat(strict.endReason()).isEqualTo(EndReason.TOO_MANY_ERRORS);
        assertThat(strict.closingLine()).isNull();
    }

    @Test
    void shouldEndAtOnceOnAnErrorThatClosesTheConnection() {
        assertThat(conversation.respond(new InvalidRequest(ErrorReason.UNTERMINATED_LINE)).line())
                .isEqualTo("ERR unterminated-line no line end in sight, closing connection");
        assertThat(conversation.ended()).isTrue();
        assertThat(conversation.closingLine()).isNull();
    }

    @Test
    void shouldAnswerEveryKindOfRequestWithoutAnError() {
        // the compiler makes the switch below, and the conversation's, cover every command
        conversation.respond(new Request.Helo("x"));
        for (Command command : Command.values()) {
            Request request = switch (command) {
                case HELO -> new Request.Helo("x");
                case REQTIME -> new Request.ReqTime();
                case REQDATE -> new Request.ReqDate();
                case ECHO -> new Request.Echo("x");
                case REQIP -> new Request.ReqIp();
                case BYE -> new Request.Bye();
            };
            assertThat(conversation.respond(request)).as(command.name()).isNotInstanceOf(Response.ErrorReply.class);
        }
    }

    private static Conversation conversation(Response.Address address, Clock clock, int maxErrors) {
        return new Conversation(address, clock, maxErrors, reason -> { });
    }

    private String lineFor(Request request) {
        return conversation.respond(request).line();
    }
}
