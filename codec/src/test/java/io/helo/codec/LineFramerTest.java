package io.helo.codec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LineFramerTest {
    private final Events events = new Events();

    @Test
    void shouldEndLinesAtLfAndDropOneCrBeforeIt() {
        feed(new LineFramer(100, 100), "HELO box\r\nREQTIME\nECHO a\rb\r\nREQTIME\r\r\n\r\n");
        assertThat(events.seen).containsExactly("line HELO box CRLF", "line REQTIME LF", "line ECHO a\rb CRLF",
                "line REQTIME\r CRLF", "line  CRLF");
    }

    @Test
    void shouldJoinALineSplitAcrossFeedsEvenBetweenCrAndLf() {
        LineFramer framer = new LineFramer(100, 100);
        feed(framer, "HE");
        feed(framer, "LO box\r");
        assertThat(framer.hasPartialLine()).isTrue();
        feed(framer, "\nREQ");
        feed(framer, "IP\n");
        assertThat(events.seen).containsExactly("line HELO box CRLF", "line REQIP LF");
        assertThat(framer.heldBytes()).isZero();
    }

    @Test
    void shouldAcceptALineOfExactlyTheLimitLineEndIncludedAndNotOneOctetMore() {
        LineFramer framer = new LineFramer(10, 100);
        feed(framer, "12345678\r\n" + "123456789\n" + "123456789\r\n" + "1234567890\n");
        assertThat(events.seen).containsExactly("line 12345678 CRLF", "line 123456789 LF", "too long", "too long");
    }

    @Test
    void shouldReportAnOverlongLineOnceAsSoonAsItCannotFitAndDiscardItUpToItsEnd() {
        LineFramer framer = new LineFramer(10, 100);
        feed(framer, "123456789");
        assertThat(events.seen).isEmpty(); // an LF could still make it fit
        feed(framer, "0");
        assertThat(events.seen).containsExactly("too long");
        feed(framer, "more and more");
        feed(framer, "\r\nBYE\r\n");
        assertThat(events.seen).containsExactly("too long", "line BYE CRLF");
        assertThat(framer.heldBytes()).isZero();
    }

    @Test
    void shouldGiveUpOnALineThatGoesOnPastTheDiscardLimitAndFrameNothingMore() {
        LineFramer framer = new LineFramer(10, 20);
        feed(framer, "x".repeat(30)); // 10 + 20: still within the discard limit
        assertThat(events.seen).containsExactly("too long");
        feed(framer, "x");
        assertThat(events.seen).containsExactly("too long", "unterminated");
        assertThat(framer.isAbandoned()).isTrue();
        feed(framer, "\nREQIP\n");
        assertThat(framer.endLine(LineEnd.END_OF_STREAM, events)).isTrue();
        assertThat(events.seen).containsExactly("too long", "unterminated");
    }

    @Test
    void shouldTakeWaitingOctetsAsALineOnSilenceOrEndOfStreamAsIfAnLfHadCome() {
        LineFramer framer = new LineFramer(100, 100);
        feed(framer, "HELO legacy\r");
        framer.endLine(LineEnd.SILENCE, events);
        feed(framer, "REQIP");
        framer.endLine(LineEnd.END_OF_STREAM, events);
        framer.endLine(LineEnd.END_OF_STREAM, events); // nothing waits any more
        assertThat(events.seen).containsExactly("line HELO legacy SILENCE", "line REQIP END_OF_STREAM");
    }

    @Test
    void shouldStopAfterTheLineTheSinkStopsAtAndGoOnWhenFedTheRest() {
        LineFramer framer = new LineFramer(100, 100);
        byte[] bytes = "A\nB\nC\n".getBytes(ISO_8859_1);
        events.stopAfter = 1;
        int consumed = framer.feed(bytes, 0, bytes.length, events);
        assertThat(consumed).isEqualTo(2);
        assertThat(events.seen).containsExactly("line A LF");
        events.stopAfter = Integer.MAX_VALUE;
        assertThat(framer.feed(bytes, consumed, bytes.length, events)).isEqualTo(bytes.length);
        assertThat(events.seen).containsExactly("line A LF", "line B LF", "line C LF");
    }

    @Property(tries = 500)
    void anyChunkingFramesExactlyAsOneFeedAndHoldsNoMoreThanTheLimit(@ForAll @Size(max = 400) byte[] noise,
            @ForAll @IntRange(min = 1, max = 50) int chunk, @ForAll @IntRange(min = 2, max = 40) int limit,
            @ForAll @IntRange(min = 0, max = 60) int discard) {
        byte[] input = new byte[noise.length];
        for (int i = 0; i < noise.length; i++) {
            input[i] = (byte) "ab\r\n".charAt(noise[i] & 3); // line ends and CRs often, to hit every rule
        }
        Events whole = new Events();
        LineFramer once = new LineFramer(limit, discard);
        once.feed(input, 0, input.length, whole);
        once.endLine(LineEnd.END_OF_STREAM, whole);

        Events pieces = new Events();
        pieces.stopAfter = 3; // the sink also stops now and then; the rest is fed again
        LineFramer split = new LineFramer(limit, discard);
        for (int i = 0; i < input.length; i += chunk) {
            int end = Math.min(input.length, i + chunk);
            for (int at = i; at < end; ) {
                at = split.feed(input, at, end, pieces);
                pieces.stopAfter = pieces.seen.size() + 3;
            }
            assertThat(split.heldBytes()).isLessThanOrEqualTo(limit);
        }
        split.endLine(LineEnd.END_OF_STREAM, pieces);
        assertThat(pieces.seen).isEqualTo(whole.seen);
    }

    private void feed(LineFramer framer, String text) {
        byte[] bytes = text.getBytes(ISO_8859_1);
        assertThat(framer.feed(bytes, 0, bytes.length, events)).isEqualTo(bytes.length);
    }

    /** Records what the framer reports as readable strings. */
    private static final class Events implements LineFramer.Sink {
        final List<String> seen = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean line(byte[] bytes, int from, int to, LineEnd end) {
            return add("line " + new String(bytes, from, to - from, ISO_8859_1) + " " + end);
        }

        @Override
        public boolean tooLong() {
            return add("too long");
        }

        @Override
        public boolean unterminated() {
            return add("unterminated");
        }

        private boolean add(String event) {
            seen.add(event);
            return seen.size() < stopAfter;
        }
    }
}
