package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseTest {

    @Test
    void shouldFormatEveryReplyExactlyAsTheAssignmentShowsIt() throws Exception {
        assertThat(new Response.Greeting("mycomputer").line()).isEqualTo("Hello mycomputer, pleased to meet you.");
        assertThat(new Response.CurrentTime(LocalTime.of(22, 23, 14, 999_000_000)).line()).isEqualTo("22:23:14");
        assertThat(new Response.CurrentTime(LocalTime.of(7, 5, 9)).line()).isEqualTo("07:05:09");
        assertThat(new Response.CurrentDate(LocalDate.of(2014, 1, 29)).line()).isEqualTo("2014-01-29");
        assertThat(new Response.CurrentDate(LocalDate.of(987, 1, 2)).line()).isEqualTo("0987-01-02");
        assertThat(new Response.Echo("this is some random text.").line()).isEqualTo("this is some random text.");
        assertThat(Response.Address.of(InetAddress.getByName("147.174.73.237")).line()).isEqualTo("147.174.73.237");
        assertThat(new Response.Goodbye().line()).isEqualTo("See ya later");
    }

    @ParameterizedTest
    @EnumSource(ErrorReason.class)
    void shouldFormatEveryErrorAsPrefixTokenAndText(ErrorReason reason) {
        assertThat(Response.ErrorReply.of(reason).line()).isEqualTo("ERR " + reason.token() + " " + reason.text());
        assertThat(reason.token()).matches("[a-z0-9-]+");
    }

    @Test
    void shouldRefuseDatesWhoseYearDoesNotHaveFourDigits() {
        assertThatThrownBy(() -> new Response.CurrentDate(LocalDate.of(10_000, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAddressesThatAreNotLiteralsAndTellCanonicalOnes() throws Exception {
        assertThatThrownBy(() -> new Response.Address("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Response.Address("01.2.3.4")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Response.Address("0:0:0:0:0:0:0:1").isCanonical()).isFalse();
        assertThat(Response.Address.of(InetAddress.getByName("0:0:0:0:0:0:0:1")).line()).isEqualTo("::1");
    }

    @Test
    void shouldKnowEveryReasonByItsTokenAndNoOther() {
        for (ErrorReason reason : ErrorReason.values()) {
            assertThat(ErrorReason.forToken(reason.token())).contains(reason);
            assertThat(Response.ErrorReply.of(reason).knownReason()).contains(reason);
        }
        assertThat(ErrorReason.forToken("future-reason")).isEmpty();
    }
}
