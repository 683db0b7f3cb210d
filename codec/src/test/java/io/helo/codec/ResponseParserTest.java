package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {
    private static final Request HELO = new Request.Helo("box");

    @Test
    void shouldParseTheAnswerToEachRequest() {
        assertThat(ResponseParser.parse(HELO, "Hello box, pleased to meet you.")).isEqualTo(new Response.Greeting("box"));
        assertThat(ResponseParser.parse(new Request.ReqTime(), "22:23:14"))
                .isEqualTo(new Response.CurrentTime(LocalTime.of(22, 23, 14)));
        assertThat(ResponseParser.parse(new Request.ReqDate(), "2014-01-29"))
                .isEqualTo(new Response.CurrentDate(LocalDate.of(2014, 1, 29)));
        assertThat(ResponseParser.parse(new Request.Echo("a b"), "a b")).isEqualTo(new Response.Echo("a b"));
        assertThat(ResponseParser.parse(new Request.ReqIp(), "147.174.73.237"))
                .isEqualTo(new Response.Address("147.174.73.237"));
        assertThat(ResponseParser.parse(new Request.ReqIp(), "2001:db8::1")).isEqualTo(new Response.Address("2001:db8::1"));
        assertThat(ResponseParser.parse(new Request.Bye(), "See ya later")).isEqualTo(new Response.Goodbye());
    }

    @Test
    void shouldParseErrorRepliesToAnyRequestIncludingReasonsThisVersionDoesNotKnow() {
        assertThat(ResponseParser.parse(new Request.ReqTime(), "ERR helo-required say HELO first"))
                .isEqualTo(Response.ErrorReply.of(ErrorReason.HELO_REQUIRED));
        assertThat(ResponseParser.parse(new Request.Bye(), "ERR future-reason"))
                .isEqualTo(new Response.ErrorReply("future-reason", ""));
    }

    @Test
    void shouldTakeAnEchoReplyEqualToTheTextAsSuccessEvenIfItLooksLikeAnError() {
        Request echo = new Request.Echo("ERR unknown-command unknown command");
        assertThat(ResponseParser.parse(echo, "ERR unknown-command unknown command"))
                .isEqualTo(new Response.Echo("ERR unknown-command unknown command"));
        assertThat(ResponseParser.parse(new Request.Echo("x"), "ERR helo-required say HELO first"))
                .isEqualTo(Response.ErrorReply.of(ErrorReason.HELO_REQUIRED));
        Request closingText = new Request.Echo("ERR busy too many connections, try again later");
        assertThat(ResponseParser.parse(closingText, "ERR busy too many connections, try again later"))
                .isEqualTo(new Response.Echo("ERR busy too many connections, try again later"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ERR busy too many connections, try again later",
        "ERR shutting-down server shutting down, closing connection",
        "ERR idle-timeout no request for too long, closing connection"})
    void shouldTakeAClosingLineAsTheServersNoticeNotAsAnAnswer(String line) {
        ServerLine parsed = ResponseParser.parse(HELO, line);
        assertThat(parsed).isInstanceOf(ClosingNotice.class);
        assertThat(((ClosingNotice) parsed).reason()).get().matches(ErrorReason::closesConnection);
        assertThat(ResponseParser.parse(null, line)).isEqualTo(parsed);
    }

    @Test
    void shouldTakeAnyErrorLineWhileNothingIsAwaitedAsANotice() {
        assertThat(ResponseParser.parse(null, "ERR future-reason going away"))
                .isEqualTo(new ClosingNotice(new Response.ErrorReply("future-reason", "going away")));
        assertThat(((ClosingNotice) ResponseParser.parse(null, "ERR busy too many connections, try again later"))
                .describe()).isEqualTo("busy (too many connections, try again later)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"25:00:00", "24:00:00", "12:60:00", "12:00:60", "1:02:03", "12:00", "12:00:00Z", "noon"})
    void shouldRejectMalformedTimes(String line) {
        assertThat(ResponseParser.parse(new Request.ReqTime(), line)).isEqualTo(new UnexpectedReply(line,
                new Request.ReqTime()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2014-02-30", "14-01-29", "2014/01/29", "2014-1-29"})
    void shouldRejectMalformedDates(String line) {
        assertThat(ResponseParser.parse(new Request.ReqDate(), line)).isInstanceOf(UnexpectedReply.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "1.2.3", "256.1.1.1", "01.2.3.4", "", "::1%lo", "[::1]"})
    void shouldRejectAddressesThatAreNotIpLiterals(String line) {
        assertThat(ResponseParser.parse(new Request.ReqIp(), line)).isInstanceOf(UnexpectedReply.class);
    }

    @Test
    void shouldAcceptAnyIpv6TextFormAndTellWhetherItIsCanonical() {
        Response.Address uncompressed = (Response.Address) ResponseParser.parse(new Request.ReqIp(), "0:0:0:0:0:0:0:1");
        assertThat(uncompressed.line()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(uncompressed.isCanonical()).isFalse();
        assertThat(((Response.Address) ResponseParser.parse(new Request.ReqIp(), "::1")).isCanonical()).isTrue();
        assertThat(((Response.Address) ResponseParser.parse(new Request.ReqIp(), "::ffff:1.2.3.4")).isCanonical())
                .isFalse();
    }

    @Test
    void shouldRejectOtherWrongReplies() {
        assertThat(ResponseParser.parse(HELO, "Hello , pleased to meet you.")).isInstanceOf(UnexpectedReply.class);
        assertThat(((UnexpectedReply) ResponseParser.parse(HELO, "Hi box")).describe())
                .isEqualTo("unexpected reply to HELO: \"Hi box\"");
        assertThat(ResponseParser.parse(new Request.Echo("a"), "b")).isInstanceOf(UnexpectedReply.class);
        assertThat(ResponseParser.parse(new Request.Bye(), "see ya later")).isInstanceOf(UnexpectedReply.class);
        assertThat(ResponseParser.parse(new Request.Bye(), "ERR ")).isInstanceOf(UnexpectedReply.class);
        assertThat(((UnexpectedReply) ResponseParser.parse(null, "See ya later")).describe())
                .isEqualTo("reply without a request: \"See ya later\"");
    }

    @Test
    void shouldEscapeControlCharactersOfAWrongReplyInItsMessage() {
        assertThat(((UnexpectedReply) ResponseParser.parse(new Request.Bye(), "\u001b[2Jbye")).describe())
                .isEqualTo("unexpected reply to BYE: \"\\x1b[2Jbye\"");
    }
}
