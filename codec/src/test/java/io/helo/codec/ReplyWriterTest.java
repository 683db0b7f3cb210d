package io.helo.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {

    @Test
    void shouldWriteRepliesFromOctetsOneAfterTheOtherEachWithCrlf() {
        byte[] request = "HELO caf\u00e9\r\nECHO  two  ".getBytes(UTF_8);
        RequestLine helo = new RequestLine().parse(request, 0, 10);
        ReplyWriter out = new ReplyWriter(4).greeting(request, helo.argumentFrom(), helo.argumentTo());
        RequestLine echo = new RequestLine().parse(request, 12, request.length);
        out.echo(request, echo.argumentFrom(), echo.argumentTo()).time(LocalTime.of(7, 5, 9))
                .date(LocalDate.of(987, 1, 2)).write(new Response.Goodbye());
        assertThat(new String(out.toByteArray(), UTF_8)).isEqualTo(
                "Hello caf\u00e9, pleased to meet you.\r\n two  \r\n07:05:09\r\n0987-01-02\r\nSee ya later\r\n");
        out.clear();
        assertThat(out.length()).isZero();
    }

    @Property
    void timesAndDatesAreTheOctetsOfTheirResponses(@ForAll @IntRange(min = 0, max = 86_399) int second,
            @ForAll @LongRange(min = -719_528, max = 2_932_896) long epochDay) {
        LocalTime time = LocalTime.ofSecondOfDay(second);
        LocalDate date = LocalDate.ofEpochDay(epochDay); // years 0000 to 9999
        assertThat(new ReplyWriter(1).time(time).date(date).toByteArray()).isEqualTo(
                (new Response.CurrentTime(time).line() + "\r\n" + new Response.CurrentDate(date).line() + "\r\n")
                        .getBytes(UTF_8));
    }
}
