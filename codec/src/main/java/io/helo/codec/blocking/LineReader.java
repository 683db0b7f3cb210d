package io.helo.codec.blocking;

import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.ParsedRequest;
import io.helo.codec.RequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;

/**
 * Reads lines from a blocking {@link Socket} (or any stream) by exactly the codec's rules: the {@link LineFramer}
 * for line ends and limits, and, on a socket, the quiet period for peers that send no line ends. Not thread-safe.
 */
public final class LineReader {
    /** What reading found: a line, or an over-long line (reported once), or one that never ended. */
    public sealed interface Framed permits Line, TooLong, Unterminated {
    }

    /**
     * A line: its octets without the line end, and how it ended.
     *
     * @param bytes the line's octets, without its line end
     * @param end how the line ended
     */
    public record Line(byte[] bytes, LineEnd end) implements Framed {
        /**
         * The line as text; malformed UTF-8 shows as U+FFFD.
         *
         * @return the line decoded from UTF-8
         */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A line longer than the limit: its octets were discarded. */
    public record TooLong() implements Framed {
    }

    /** An over-long line went on past the discard limit; nothing more will be read. */
    public record Unterminated() implements Framed {
    }

    private final InputStream in;
    private final Socket socket;
    private final long quietNanos;
    private final LineFramer framer;
    private final Queue<Framed> found = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];
    private final LineFramer.Sink sink = new Collector();
    private long lastByteNanos;
    private boolean ended;

    private LineReader(InputStream in, Socket socket, int maxLineLength, int maxDiscard, Duration quietLineEnd) {
        this.in = in;
        this.socket = socket;
        this.quietNanos = quietLineEnd.toNanos();
        this.framer = new LineFramer(maxLineLength, maxDiscard);
    }

    /**
     * A reader of {@code socket}'s input; a quiet period of zero turns that rule off.
     *
     * @param socket the connected socket to read from
     * @param maxLineLength the longest line accepted, in octets, line end included
     * @param maxDiscard octets of an over-long line, past the limit, read and discarded before giving up on it
     * @param quietLineEnd the silence after which octets without a line end count as a line; zero: never
     * @return a reader of the socket's input
     * @throws IOException if the socket's input stream cannot be had
     */
    public static LineReader of(Socket socket, int maxLineLength, int maxDiscard, Duration quietLineEnd)
            throws IOException {
        return new LineReader(socket.getInputStream(), socket, maxLineLength, maxDiscard, quietLineEnd);
    }

    /**
     * A reader of {@code in}: a stream has no quiet period, only its end ends a line without a line end.
     *
     * @param in the stream to read from
     * @param maxLineLength the longest line accepted, in octets, line end included
     * @param maxDiscard octets of an over-long line, past the limit, read and discarded before giving up on it
     * @return a reader of the stream
     */
    public static LineReader of(InputStream in, int maxLineLength, int maxDiscard) {
        return new LineReader(in, null, maxLineLength, maxDiscard, Duration.ZERO);
    }

    /**
     * The next thing framed, or {@code null} at the end of the stream. On a socket, waits at most {@code timeout}
     * (zero: without limit) and throws {@link SocketTimeoutException} if nothing came.
     *
     * @param timeout the longest wait on a socket; zero: no limit
     * @return a {@link Line}, {@link TooLong} or {@link Unterminated}, or {@code null} at the end of the stream
     * @throws SocketTimeoutException if nothing was framed within {@code timeout}
     * @throws IOException if reading fails
     */
    public Framed read(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.isEmpty() && !ended) {
            setWait(timeout.isZero() ? 0 : deadline - System.nanoTime()); // throws once the timeout has passed
            int count;
            try {
                count = in.read(buffer);
            } catch (SocketTimeoutException e) {
                if (quietPassed()) {
                    framer.endLine(LineEnd.SILENCE, sink);
                }
                continue;
            }
            if (count < 0) {
                framer.endLine(LineEnd.END_OF_STREAM, sink);
                ended = true;
            } else {
                lastByteNanos = System.nanoTime();
                framer.feed(buffer, 0, count, sink);
            }
        }
        return found.poll();
    }

    /**
     * The next line as a request, the way a server reads it; {@code null} at the end of the stream.
     *
     * @param timeout the longest wait on a socket; zero: no limit
     * @return the request, or an {@link InvalidRequest}, or {@code null} at the end of the stream
     * @throws SocketTimeoutException if no line came within {@code timeout}
     * @throws IOException if reading fails
     */
    public ParsedRequest readRequest(Duration timeout) throws IOException {
        Framed next = read(timeout);
        if (next instanceof Line line) {
            return RequestParser.parse(line.bytes(), 0, line.bytes().length);
        }
        if (next instanceof TooLong) {
            return new InvalidRequest(ErrorReason.LINE_TOO_LONG);
        }
        return next == null ? null : new InvalidRequest(ErrorReason.UNTERMINATED_LINE);
    }

    /** Waits at most {@code nanos} (zero: forever), or less while a partial line waits for the quiet period. */
    private void setWait(long nanos) throws IOException {
        if (socket == null) {
            return;
        }
        if (nanos < 0) {
            throw new SocketTimeoutException("no line within the timeout");
        }
        long wait = nanos;
        if (quietNanos > 0 && framer.hasPartialLine()) {
            long quietLeft = Math.max(1, quietNanos - (System.nanoTime() - lastByteNanos));
            wait = wait == 0 ? quietLeft : Math.min(wait, quietLeft);
        }
        long millis = wait == 0 ? 0 : Math.max(1, (wait + 999_999) / 1_000_000); // never less than asked for
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
    }

    private boolean quietPassed() {
        return quietNanos > 0 && framer.hasPartialLine() && System.nanoTime() - lastByteNanos >= quietNanos;
    }

    /** Keeps what the framer finds, copying lines out of the shared buffer. */
    private final class Collector implements LineFramer.Sink {
        @Override
        public boolean line(byte[] bytes, int from, int to, LineEnd end) {
            found.add(new Line(Arrays.copyOfRange(bytes, from, to), end));
            return true;
        }

        @Override
        public boolean tooLong() {
            found.add(new TooLong());
            return true;
        }

        @Override
        public boolean unterminated() {
            found.add(new Unterminated());
            return true;
        }
    }
}
