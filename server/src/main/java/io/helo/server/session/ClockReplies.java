package io.helo.server.session;

import io.helo.codec.ReplyWriter;
import java.time.Clock;
import java.time.LocalDateTime;

/**
 * The REQTIME and REQDATE replies of the current second, computed once per second for every session: a clock
 * read per request, no date arithmetic. Safe for any number of threads.
 */
final class ClockReplies {
    private final Clock clock;
    private volatile Second current = new Second(Long.MIN_VALUE, null, null);

    /** The replies of {@code clock}, in its zone. */
    ClockReplies(Clock clock) {
        this.clock = clock;
    }

    /** The time and date lines of one second, CRLF included. */
    private record Second(long epochSecond, byte[] time, byte[] date) {
    }

    /** Writes the REQTIME reply. */
    void writeTime(ReplyWriter out) {
        out.writeEncoded(now().time());
    }

    /** Writes the REQDATE reply. */
    void writeDate(ReplyWriter out) {
        out.writeEncoded(now().date());
    }

    private Second now() {
        long epochSecond = Math.floorDiv(clock.millis(), 1000);
        Second second = current;
        if (second.epochSecond() != epochSecond) {
            LocalDateTime local = LocalDateTime.ofInstant(clock.instant(), clock.getZone());
            second = new Second(epochSecond, new ReplyWriter(10).time(local.toLocalTime()).toByteArray(),
                    new ReplyWriter(12).date(local.toLocalDate()).toByteArray());
            current = second; // a race only computes the same second twice
        }
        return second;
    }
}
