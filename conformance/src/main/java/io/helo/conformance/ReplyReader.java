package io.helo.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Splits the octets a peer sends into lines, holding at most a fixed number of octets not yet taken, whatever the
 * peer sends: the checker's memory stays bounded against a reply without end. Feed it what arrives ({@link #feed});
 * take lines as they complete ({@link #next}), or what is held as a line without end ({@link #rest}). Octets past the
 * cap are counted and dropped; once there are, taking past the complete lines throws {@link TooLongException}.
 */
public final class ReplyReader {
    /**
     * The cap the checker reads with: 64 KiB, as this project's client; PROTOCOL.md's replies are at most 1000
     * octets with the default line limit, so this leaves a wide margin for servers configured with larger lines.
     */
    public static final int DEFAULT_CAP = 64 * 1024;
    private static final int PREVIEW = 200;

    private final byte[] held;
    private int start;
    private int end;
    private int searched;
    private long dropped;

    /** A reply longer than the cap (or that much sent without being read): the first octets, and how many were dropped. */
    public static final class TooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLongException(String message) {
            super(message);
        }
    }

    /** A reader that holds at most {@code cap} octets. */
    public ReplyReader(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
        held = new byte[cap];
    }

    /** Adds {@code count} octets of {@code octets} from {@code offset}, as they arrived; past the cap they are counted and dropped. */
    public void feed(byte[] octets, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, octets.length);
        if (dropped > 0) {
            dropped += count;
            return;
        }
        if (end + count > held.length && start > 0) {
            System.arraycopy(held, start, held, 0, end - start);
            end -= start;
            start = 0;
        }
        int kept = Math.min(held.length - end, count);
        System.arraycopy(octets, offset, held, end, kept);
        end += kept;
        dropped += count - kept;
    }

    /**
     * The next line ended by LF ({@code "\r\n"} or {@code "\n"} as its end), or null when no complete line is held.
     *
     * @throws TooLongException if no complete line is held and octets were dropped
     */
    public Wire.Line next() throws TooLongException {
        for (int i = start + searched; i < end; i++) {
            if (held[i] == '\n') {
                boolean crlf = i > start && held[i - 1] == '\r';
                return take(i + 1 - start, crlf ? 2 : 1, crlf ? "\r\n" : "\n");
            }
        }
        searched = end - start;
        if (dropped > 0) {
            throw tooLong();
        }
        return null;
    }

    /**
     * Everything held, as a line without line end marked {@code end} ({@link Wire.Line#SILENCE} or
     * {@link Wire.Line#END_OF_STREAM}), or null when nothing is held. A CR at its very end is the first half of a CRLF
     * whose LF did not come, and is dropped, as PROTOCOL.md 2.1 says and the codec's clients do.
     *
     * @throws TooLongException if octets were dropped
     */
    public Wire.Line rest(String end) throws TooLongException {
        if (dropped > 0) {
            throw tooLong();
        }
        return held() == 0 ? null : take(held(), held[this.end - 1] == '\r' ? 1 : 0, end);
    }

    /** How many octets can be fed now without any being dropped: the cap less what is held. */
    public int room() {
        return held.length - held();
    }

    /** How many octets are held, not yet taken. */
    public int held() {
        return end - start;
    }

    /** True once octets were dropped past the cap. */
    public boolean overflowed() {
        return dropped > 0;
    }

    /** The first octets held (at most 200), as text, for a report. */
    public String preview() {
        return new String(held, start, Math.min(held(), PREVIEW), StandardCharsets.UTF_8);
    }

    private Wire.Line take(int length, int endLength, String lineEnd) {
        String text = new String(held, start, length - endLength, StandardCharsets.UTF_8);
        start += length;
        searched = 0;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return new Wire.Line(text, lineEnd);
    }

    private TooLongException tooLong() {
        return new TooLongException("a reply of more than " + held.length + " octets without a line end: "
                + Show.text(preview()) + " (" + dropped + " more octets dropped)");
    }
}
