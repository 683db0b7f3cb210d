package io.helo.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PROTOCOL.md sections 2 and 7 on framing, written out as a framer that looks at one octet at a time: the reference
 * {@link LineFramer} and the decoders built on it are held to. A line ends at LF and loses one CR right before it;
 * a line that cannot fit in {@code maxLineLength} octets with its line end is reported once, as soon as it cannot,
 * and discarded up to its LF; past {@code maxDiscard} more octets it is unterminated and nothing more counts.
 */
public final class ReferenceFramer {
    /** What framing finds, as comparable values. */
    public sealed interface Event permits Line, TooLong, Unterminated {
    }

    /**
     * A line: its octets (as ISO-8859-1 text, one character per octet, to compare and print) and how it ended.
     *
     * @param octets the line's octets, one character each
     * @param end how the line ended
     */
    public record Line(String octets, LineEnd end) implements Event {
        /** A line from {@code bytes[from, to)}. */
        public static Line of(byte[] bytes, int from, int to, LineEnd end) {
            return new Line(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1), end);
        }

        /** The line's octets. */
        public byte[] bytes() {
            return octets.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** A line too long to accept. */
    public record TooLong() implements Event {
    }

    /** An over-long line that went on past the discard limit. */
    public record Unterminated() implements Event {
    }

    private final int maxLineLength;
    private final long maxTail;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<Event> events = new ArrayList<>();
    private long length;
    private boolean discarding;
    private boolean abandoned;

    /** A framer with the limits of {@link LineFramer#LineFramer(int, int)}. */
    public ReferenceFramer(int maxLineLength, int maxDiscard) {
        this.maxLineLength = maxLineLength;
        this.maxTail = (long) maxLineLength + maxDiscard;
    }

    /** Takes the next octet of the stream. */
    public void octet(byte b) {
        if (abandoned) {
            return;
        }
        if (b == '\n') {
            if (!discarding) {
                events.add(completed(LineEnd.LF));
            }
            reset();
            return;
        }
        length++;
        if (!discarding) {
            line.write(b);
            if (length + 1 > maxLineLength) { // not even an LF could make it fit now
                discarding = true;
                events.add(new TooLong());
            }
        }
        if (length > maxTail) {
            abandoned = true;
            events.add(new Unterminated());
        }
    }

    /** The quiet period or the end of the stream: octets waiting for a line end are a line, as if LF had come. */
    public void end(LineEnd end) {
        if (!abandoned && !discarding && length > 0) {
            events.add(completed(end));
        }
        if (!abandoned) {
            reset();
        }
    }

    /** Everything found so far, in stream order. */
    public List<Event> events() {
        return events;
    }

    /** True while a line has begun and not ended. */
    public boolean hasPartialLine() {
        return !abandoned && (length > 0 || discarding);
    }

    /** True once an over-long line went past the discard limit. */
    public boolean isAbandoned() {
        return abandoned;
    }

    private Line completed(LineEnd byLf) {
        byte[] octets = line.toByteArray();
        boolean cr = octets.length > 0 && octets[octets.length - 1] == '\r';
        LineEnd end = byLf != LineEnd.LF ? byLf : cr ? LineEnd.CRLF : LineEnd.LF;
        return Line.of(octets, 0, cr ? octets.length - 1 : octets.length, end);
    }

    private void reset() {
        line.reset();
        length = 0;
        discarding = false;
    }
}
