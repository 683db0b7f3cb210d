package io.helo.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts a byte stream into lines by the rules of PROTOCOL.md section 2, for any transport: MINA, a blocking socket,
 * a test. One framer per connection and direction; not thread-safe.
 *
 * <ul>
 *   <li>A line ends at LF. One CR right before the LF belongs to the line end; any other CR stays in the line.
 *   <li>A line may be {@code maxLineLength} octets long, its line end included. A longer one is reported once, as
 *       soon as it can no longer fit, and its octets are discarded up to its line end; if more than
 *       {@code maxDiscard} octets past the limit come before that, the framer reports the line unterminated and
 *       ignores everything after it.
 *   <li>{@link #endLine} takes the octets waiting for a line end as a line, as if an LF had come: for the quiet
 *       period and for the end of the stream.
 * </ul>
 *
 * <p>Complete lines are handed over in place, without copying; only a line split across reads is copied, into a
 * buffer that never exceeds the line length limit and is dropped once the line is complete.
 */
public final class LineFramer {
    /** What the framer finds, in stream order. Each method returns false to make the framer stop after it. */
    public interface Sink {
        /**
         * A complete line, {@code bytes[from, to)} without its line end; the bytes are valid during the call only.
         *
         * @param bytes the array holding the line
         * @param from the index of the line's first octet
         * @param to the index just past the line's last octet, before its line end
         * @param end how the line ended
         * @return true to go on framing, false to stop after this line
         */
        boolean line(byte[] bytes, int from, int to, LineEnd end);

        /**
         * A line too long to accept; reported once per line, before its end has arrived if it cannot fit.
         *
         * @return true to go on framing, false to stop here
         */
        boolean tooLong();

        /**
         * An over-long line went on past the discard limit; the framer reports nothing more.
         *
         * @return true to go on, false to stop here; either way nothing more is framed
         */
        boolean unterminated();
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EIGHT_LFS = 0x0a0a0a0a0a0a0a0aL;

    private final int maxLineLength;
    private final long maxTail;
    private byte[] pending;
    private int pendingLength;
    private long tailLength;
    private boolean discarding;
    private boolean abandoned;

    /**
     * A framer for lines of at most {@code maxLineLength} octets, line end included.
     *
     * @param maxLineLength the longest line accepted, in octets, line end included; at least 2
     * @param maxDiscard how many octets past {@code maxLineLength} an over-long line may run before it is reported
     *     unterminated; at least 0
     */
    public LineFramer(int maxLineLength, int maxDiscard) {
        if (maxLineLength < 2 || maxDiscard < 0) {
            throw new IllegalArgumentException("max line length must be at least 2 and max discard at least 0");
        }
        this.maxLineLength = maxLineLength;
        this.maxTail = (long) maxLineLength + maxDiscard;
    }

    /**
     * Frames {@code bytes[from, to)}. Returns the index after the last octet consumed: {@code to}, unless the sink
     * asked to stop, in which case the caller feeds the rest later.
     *
     * @param bytes the array holding the octets received
     * @param from the index of the first octet to frame
     * @param to the index just past the last octet to frame
     * @param sink receives the lines and events found
     * @return the index after the last octet consumed
     */
    public int feed(byte[] bytes, int from, int to, Sink sink) {
        int i = from;
        while (i < to && !abandoned) {
            int lf = indexOfLf(bytes, i, to);
            if (lf < 0) {
                absorb(bytes, i, to, sink);
                return to;
            }
            long length = tailLength + (lf - i) + 1; // this line, line end included
            boolean more = true;
            if (discarding || length > maxLineLength) {
                if (!discarding) {
                    more = sink.tooLong();
                }
                if (length - 1 > maxTail) {
                    more = abandon(sink);
                }
            } else if (pendingLength == 0) {
                boolean cr = lf > i && bytes[lf - 1] == '\r';
                more = sink.line(bytes, i, cr ? lf - 1 : lf, cr ? LineEnd.CRLF : LineEnd.LF);
            } else {
                append(bytes, i, lf);
                more = deliverPending(null, sink);
            }
            resetLine();
            i = lf + 1;
            if (!more) {
                return i;
            }
        }
        return to; // past the discard limit nothing more is read: the connection is closing
    }

    /**
     * Takes the octets waiting for a line end as a complete line ending in {@code end}, as if an LF had come; does
     * nothing if none wait. Returns what the sink returned, or true if it was not called.
     *
     * @param end the line end to report for the line
     * @param sink receives the line
     * @return what the sink returned, or true if it was not called
     */
    public boolean endLine(LineEnd end, Sink sink) {
        if (abandoned || (!discarding && pendingLength == 0)) {
            return true;
        }
        boolean more = discarding || deliverPending(end, sink);
        resetLine();
        return more;
    }

    /**
     * True if octets are waiting for their line end (or an over-long line for its end).
     *
     * @return true if a line has begun and not yet ended
     */
    public boolean hasPartialLine() {
        return !abandoned && (pendingLength > 0 || discarding);
    }

    /**
     * How many octets of memory the framer holds now for an unfinished line: never more than the limit.
     *
     * @return the size of the buffer of the line split across reads, 0 if there is none
     */
    public int heldBytes() {
        return pending == null ? 0 : pending.length;
    }

    /**
     * True once an over-long line went past the discard limit: nothing more is framed.
     *
     * @return true if the framer has given up on the stream
     */
    public boolean isAbandoned() {
        return abandoned;
    }

    /** Takes in octets that have no line end yet. */
    private void absorb(byte[] bytes, int from, int to, Sink sink) {
        tailLength += to - from;
        if (!discarding && tailLength >= maxLineLength) { // even a bare LF could no longer make it fit
            discarding = true;
            pending = null;
            pendingLength = 0;
            sink.tooLong();
        }
        if (tailLength > maxTail) {
            abandon(sink);
        } else if (!discarding) {
            append(bytes, from, to);
        }
    }

    /** Delivers the pending octets as a line, dropping one trailing CR: the first half of a line end. */
    private boolean deliverPending(LineEnd endWithoutLf, Sink sink) {
        boolean cr = pending[pendingLength - 1] == '\r';
        LineEnd end = endWithoutLf != null ? endWithoutLf : cr ? LineEnd.CRLF : LineEnd.LF;
        return sink.line(pending, 0, cr ? pendingLength - 1 : pendingLength, end);
    }

    private boolean abandon(Sink sink) {
        abandoned = true;
        pending = null;
        pendingLength = 0;
        return sink.unterminated();
    }

    private void append(byte[] bytes, int from, int to) {
        int needed = pendingLength + (to - from);
        if (pending == null || pending.length < needed) {
            int capacity = Math.min(maxLineLength, Math.max(needed, pending == null ? 64 : pending.length * 2));
            pending = pending == null ? new byte[capacity] : Arrays.copyOf(pending, capacity);
        }
        System.arraycopy(bytes, from, pending, pendingLength, to - from);
        pendingLength = needed;
    }

    private void resetLine() {
        pending = null; // a split line is rare: keep no buffer between lines
        pendingLength = 0;
        tailLength = 0;
        discarding = false;
    }

    private static int indexOfLf(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) { // eight octets at a time: a zero octet of word ^ LF's
            long word = (long) LONGS.get(bytes, i) ^ EIGHT_LFS;
            long zeros = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (zeros != 0) {
                return i + Long.numberOfTrailingZeros(zeros) / Byte.SIZE;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
