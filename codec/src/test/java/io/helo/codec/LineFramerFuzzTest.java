package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helo.codec.ReferenceFramer.Event;
import io.helo.codec.testing.Chunks;
import io.helo.codec.testing.FuzzInput;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Fuzzes {@link LineFramer} with any octets, limits and quiet periods. Its lines and reports are the reference's
 * ({@link ReferenceFramer}) however the octets are cut into reads, one octet at a time included, and whenever its
 * sink asks it to stop and the rest is fed again; no line it hands over, with its line end, is longer than the
 * limit, and it never holds more than the limit for an unfinished line.
 *
 * <p>Input: five option octets (line length limit, discard limit, how to cut reads, where the sink stops, where
 * quiet periods fall), then the stream.
 */
class LineFramerFuzzTest {
    @FuzzTest
    void frame(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        int maxLineLength = 2 + in.option() % 80;
        int maxDiscard = in.option() % 160;
        int cuts = in.option();
        int stops = in.option();
        int quiet = in.option();
        byte[] stream = in.rest();
        TreeSet<Integer> silences = silences(stream.length, quiet);

        ReferenceFramer reference = new ReferenceFramer(maxLineLength, maxDiscard);
        for (int i = 0; i < stream.length; i++) {
            reference.octet(stream[i]);
            if (silences.contains(i + 1)) {
                reference.end(LineEnd.SILENCE);
            }
        }
        boolean partialAtEnd = reference.hasPartialLine();
        reference.end(LineEnd.END_OF_STREAM);

        for (int style : new int[] {0, 1, cuts}) {
            Recorder recorder = new Recorder(maxLineLength, new SplittableRandom(stops), stops != 0);
            LineFramer framer = new LineFramer(maxLineLength, maxDiscard);
            TreeSet<Integer> ends = new TreeSet<>(Chunks.ends(stream.length, style));
            ends.addAll(silences);
            int from = 0;
            for (int end : ends) {
                for (int at = from; at < end; ) {
                    at = framer.feed(stream, at, end, recorder);
                    assertThat(framer.heldBytes()).as("octets held").isLessThanOrEqualTo(maxLineLength);
                }
                if (silences.contains(end)) {
                    framer.endLine(LineEnd.SILENCE, recorder);
                }
                from = end;
            }
            assertThat(framer.hasPartialLine()).as("a partial line, cut %d", style).isEqualTo(partialAtEnd);
            framer.endLine(LineEnd.END_OF_STREAM, recorder);
            assertThat(recorder.events).as("framed with reads cut by %d", style).isEqualTo(reference.events());
            assertThat(framer.isAbandoned()).isEqualTo(reference.isAbandoned());
            assertThat(framer.heldBytes()).as("octets held after the end").isZero();
        }
    }

    /** Stream offsets after which the peer falls silent for the quiet period: none for option 0. */
    private static TreeSet<Integer> silences(int length, int option) {
        TreeSet<Integer> at = new TreeSet<>();
        SplittableRandom random = new SplittableRandom(option);
        for (int i = 1; option != 0 && i <= length; i++) {
            if (random.nextInt(option) == 0) {
                at.add(i);
            }
        }
        return at;
    }

    /** Keeps what the framer finds, checks each line against the limit, and asks it to stop now and then. */
    private static final class Recorder implements LineFramer.Sink {
        final List<Event> events = new ArrayList<>();
        private final int maxLineLength;
        private final SplittableRandom stops;
        private final boolean stopping;

        Recorder(int maxLineLength, SplittableRandom stops, boolean stopping) {
            this.maxLineLength = maxLineLength;
            this.stops = stops;
            this.stopping = stopping;
        }

        @Override
        public boolean line(byte[] bytes, int from, int to, LineEnd end) {
            int endOctets = end == LineEnd.CRLF ? 2 : 1; // a line without LF still fell short of the limit by one
            assertThat(to - from + endOctets).as("a line with its end").isLessThanOrEqualTo(maxLineLength);
            events.add(ReferenceFramer.Line.of(bytes, from, to, end));
            return goOn();
        }

        @Override
        public boolean tooLong() {
            events.add(new ReferenceFramer.TooLong());
            return goOn();
        }

        @Override
        public boolean unterminated() {
            events.add(new ReferenceFramer.Unterminated());
            return goOn();
        }

        private boolean goOn() {
            return !stopping || stops.nextInt(3) != 0;
        }
    }
}
