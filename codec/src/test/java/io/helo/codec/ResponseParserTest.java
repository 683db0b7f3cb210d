package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseParserTest {
    private static final Request HELO = new Request.Helo("box");

    @Test
    void shouldParseTheAnswerToEachRequest() throws UnexpectedReplyException {
        assertThat(ResponseParser.parse(HELO, "Hello box, pleased to meet you.")).isEqualTo(new Response.Greeting("box"));
        assertThat(ResponseParser.parse(new Request.ReqTime(), "22:23:14"))
                .isEqualTo(new Response.Time(LocalTime.of(22, 23, 14)));
        assertThat(ResponseParser.parse(new Request.ReqDate(), "2014-01-29"))
                .isEqualTo(new Response.Date(LocalDate.of(2014, 1, 29)));
        assertThat(ResponseParser.parse(new Request.Echo("a b"), "a b")).isEqualTo(new Response.Echo("a b"));
        assertThat(ResponseParser.parse(new Request.ReqIp(), "147.174.73.237"))
                .isEqualTo(new Response.Address("147.174.73.237"));
        assertThat(ResponseParser.parse(new Request.ReqIp(), "2001:db8::1")).isEqualTo(new Response.Address("2001:db8::1"));
        assertThat(ResponseParser.parse(new Request.Bye(), "See ya later")).isEqualTo(new Response.Goodbye());
    }

    @Test
    void shouldParseErrorRepliesToAnyRequestIncludingReasonsThisVersionDoesNotKnow() throws Exception {
        assertThat(ResponseParser.parse(new Request.ReqTime(), "ERR helo-required say HELO first"))
                .isEqualTo(Response.Error.of(ErrorReason.HELO_REQUIRED));
        assertThat(ResponseParser.parse(new Request.Bye(), "ERR future-reason"))
                .isEqualTo(new Response.Error("future-reason", ""));
    }

    @Test
    void shouldTakeAnEchoReplyEqualToTheTextAsSuccessEvenIfItLooksLikeAnError() throws Exception {
        Request echo = new Request.Echo("ERR unknown-command unknown command");
        assertThat(ResponseParser.parse(echo, "ERR unknown-command unknown command"))
                .isEqualTo(new Response.Echo("ERR unknown-command unknown command"));
        assertThat(ResponseParser.parse(new Request.Echo("x"), "ERR helo-required say HELO first"))
                .isEqualTo(Response.Error.of(ErrorReason.HELO_REQUIRED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"25:00:00", "1:02:03", "12:00", "12:00:00Z", "noon"})
    void shouldRejectMalformedTimes(String line) {
        assertThatThrownBy(() -> ResponseParser.parse(new Request.ReqTime(), line))
                .isInstanceOf(UnexpectedReplyException.class).hasMessageContaining("REQTIME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2014-02-30", "14-01-29", "2014/01/29", "2014-1-29"})
    void shouldRejectMalformedDates(String line) {
        assertThatThrownBy(() -> ResponseParser.parse(new Request.ReqDate(), line))
                .isInstanceOf(UnexpectedReplyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "0:0:0:0:0:0:0:1", "::ffff:1.2.3.4", "1.2.3", "256.1.1.1", ""})
    void shouldRejectAddressesThatAreNotCanonicalLiterals(String line) {
        assertThatThrownBy(() -> ResponseParser.parse(new Request.ReqIp(), line))
                .isInstanceOf(UnexpectedReplyException.class);
    }

    @Test
    void shouldRejectOtherWrongReplies() {
        assertThatThrownBy(() -> ResponseParser.parse(HELO, "Hello , pleased to meet you."))
                .isInstanceOf(UnexpectedReplyException.class);
        assertThatThrownBy(() -> ResponseParser.parse(HELO, "Hi box"))
                .isInstanceOf(UnexpectedReplyException.class)
                .hasMessage("unexpected reply to HELO: \"Hi box\"");
        assertThatThrownBy(() -> ResponseParser.parse(new Request.Echo("a"), "b"))
                .isInstanceOf(UnexpectedReplyException.class);
        assertThatThrownBy(() -> ResponseParser.parse(new Request.Bye(), "see ya later"))
                .isInstanceOf(UnexpectedReplyException.class);
        assertThatThrownBy(() -> ResponseParser.parse(new Request.Bye(), "ERR "))
                .isInstanceOf(UnexpectedReplyException.class);
    }

    @Test
    void shouldEscapeControlCharactersOfAWrongReplyInItsMessage() {
        assertThatThrownBy(() -> ResponseParser.parse(new Request.Bye(), "\u001b[2Jbye"))
                .hasMessage("unexpected reply to BYE: \"\\x1b[2Jbye\"");
    }
}
