package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.ResponseParser;
import io.helo.codec.ServerLine;
import io.helo.codec.testing.Allocations;
import io.helo.codec.testing.Chunks;
import io.helo.codec.testing.FuzzInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Fuzzes the checker's reading of the octets a server under test sends: {@link ReplyReader} as such
 * ({@code feed}, {@code next}, {@code rest}), and {@link Wire#read} over a scripted socket whose octets arrive at
 * times the input chooses, on a {@link FakeNanoClock}. On every input:
 *
 * <ul>
 *   <li>the reader never holds more than its cap of octets (64 KiB as the checker uses it);
 *   <li>its work is linear in its input: it copies each octet at most twice ({@link CopiedOctets}) and allocates
 *       at most a constant times what it was fed, however the octets are cut into reads;
 *   <li>it finds the lines the codec's {@link LineFramer} finds with the same limit, and a reply too long exactly
 *       when the framer does: the checker and a client agree on what a reply is;
 *   <li>each read ends within the reply timeout counted from the request, however the reply trickles in or goes
 *       on without end; the lines it gives are the octets received, in order, none lost or repeated;
 *   <li>the catalogue's comparisons ({@link Expect}) accept a line exactly when the codec's {@link ResponseParser}
 *       takes it for the awaited reply;
 *   <li>every detail a report shows of what was read (a verdict, a too-long or no-reply message, a line shown) is
 *       escaped: no control, format or separator character, no broken surrogate pair, bounded in length, and not a
 *       cell a spreadsheet would take for a formula.
 * </ul>
 *
 * <p>Input: option octets (reader cap, a run of filler octets and where it goes, how to cut reads, reply timeout and
 * quiet period, the pace of arrivals and whether the server closes, which requests the lines answer), then the
 * server's octets.
 */
class ReplyReaderFuzzTest {
    /** Longest detail: a fixed sentence around at most two quoted texts of 160 characters, each escaped in 6. */
    private static final int MAX_DETAIL = 2200;
    /** What a spreadsheet may take as the start of a formula (OWASP's CSV injection list). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** What Wire reads at once. */
    private static final int READ_SIZE = 8192;
    private static final List<Ask> ASKS = asks();
    private static final Constructor<Wire> WIRE = wireConstructor();

    @FuzzTest
    void read(byte[] input) throws Exception {
        FuzzInput in = new FuzzInput(input);
        int capOption = in.option();
        int cap = capOption < 160 ? 2 + capOption % 40 : ReplyReader.DEFAULT_CAP;
        int filler = in.option(); // mostly none or a few KiB; one in eight around the 64 KiB cap
        int fillerKiB = filler < 224 ? filler % 4 : 60 + (filler - 224) % 8;
        int fillerAt = in.option();
        int cuts = in.option();
        int timing = in.option();
        int pace = in.option();
        int asks = in.option();
        byte[] stream = FuzzInput.withFiller(in.rest(), fillerKiB, fillerAt);
        List<Integer> ends = Chunks.ends(stream.length, cuts);

        readByReplyReader(stream, ends, cap);
        readByWire(stream, ends, timing, pace, asks);
    }

    /**
     * The reader as the checker drives it: fed each read, then drained of complete lines; the framer beside it. Run
     * twice, the second time measured: the first loads and initialises what the input reaches.
     */
    private static void readByReplyReader(byte[] stream, List<Integer> ends, int cap) {
        Measured warm = Measured.of(stream, ends, cap);
        Measured measured = Measured.of(stream, ends, cap);
        Reading reading = measured.reading();
        long copied = measured.copied();
        long allocated = measured.allocated();

        assertThat(reading.lines()).isEqualTo(warm.reading().lines());
        assertThat(reading.mostHeld()).as("most octets held").isLessThanOrEqualTo(cap);
        assertThat(copied).as("octets copied (the copy counter is on)").isGreaterThanOrEqualTo(
                Math.min(stream.length, cap));
        assertThat(copied).as("octets copied for %d fed", stream.length).isLessThanOrEqualTo(2L * stream.length);
        assertThat(allocated).as("octets allocated for %d fed in %d calls", stream.length, reading.calls())
                .isLessThanOrEqualTo(8L * stream.length + 256L * reading.calls() + cap + 64 * 1024);
        List<Object> framed = framed(stream, cap);
        if (!reading.lines().equals(framed)) { // compared as shown only then: showing every line costs much
            assertThat(shown(reading.lines())).as("the lines the codec's framer finds with a limit of %d", cap)
                    .isEqualTo(shown(framed));
        }
        if (reading.tooLong() != null) {
            checkDetail(reading.tooLong());
        }
    }

    /** A reading, with the octets it copied and allocated. */
    private record Measured(Reading reading, long copied, long allocated) {
        static Measured of(byte[] stream, List<Integer> ends, int cap) {
            long[] copied = {0};
            Reading[] reading = new Reading[1];
            long allocated = Allocations.during(() -> copied[0] = CopiedOctets.during(
                    () -> reading[0] = Reading.of(stream, ends, cap)));
            return new Measured(reading[0], copied[0], allocated);
        }
    }

    /** What a reading found: lines, then the message of a reply too long if there was one; the calls it took. */
    private record Reading(List<Object> lines, String tooLong, int mostHeld, long calls) {
        /**
         * Reads {@code stream} cut at {@code ends}, as Wire takes each: in pieces of at most what it reads at once and
         * what the reader has room for (an octet when it has none).
         */
        static Reading of(byte[] stream, List<Integer> ends, int cap) {
            ReplyReader reader = new ReplyReader(cap);
            List<Object> lines = new ArrayList<>();
            int mostHeld = 0;
            long calls = 0;
            try {
                int from = 0;
                for (int end : ends) {
                    for (int at = from, count; at < end; at += count) {
                        count = Math.min(end - at, Math.max(1, Math.min(READ_SIZE, reader.room())));
                        reader.feed(stream, at, count);
                        mostHeld = Math.max(mostHeld, reader.held());
                        for (Wire.Line line; (line = reader.next()) != null; calls++) {
                            lines.add(line);
                        }
                        calls += 3;
                    }
                    from = end;
                }
                Wire.Line last = reader.rest(Wire.Line.END_OF_STREAM);
                calls++;
                if (last != null) {
                    lines.add(last);
                }
                return new Reading(lines, null, Math.max(mostHeld, reader.held()), calls);
            } catch (ReplyReader.TooLongException e) {
                lines.add(TooLong.REPLY);
                return new Reading(lines, e.getMessage(), Math.max(mostHeld, reader.held()), calls + 1);
            }
        }
    }

    /** Lines as a report would show them, so that a difference in a control character shows. */
    private static List<String> shown(List<Object> lines) {
        return lines.stream().map(l -> l instanceof Wire.Line line ? line.shown() + " " + Show.text(line.end())
                : l.toString()).toList();
    }

    /** What the codec's framer finds with the same limit, up to the first line too long. */
    private static List<Object> framed(byte[] stream, int cap) {
        List<Object> lines = new ArrayList<>();
        LineFramer.Sink sink = new LineFramer.Sink() {
            @Override
            public boolean line(byte[] bytes, int from, int to, LineEnd end) {
                lines.add(new Wire.Line(new String(bytes, from, to - from, StandardCharsets.UTF_8), switch (end) {
                    case CRLF -> "\r\n";
                    case LF -> "\n";
                    case SILENCE -> Wire.Line.SILENCE;
                    case END_OF_STREAM -> Wire.Line.END_OF_STREAM;
                }));
                return true;
            }

            @Override
            public boolean tooLong() {
                lines.add(TooLong.REPLY);
                return false;
            }

            @Override
            public boolean unterminated() {
                if (!lines.contains(TooLong.REPLY)) {
                    lines.add(TooLong.REPLY);
                }
                return false;
            }
        };
        LineFramer framer = new LineFramer(Math.max(2, cap), 0);
        framer.feed(stream, 0, stream.length, sink);
        if (!lines.contains(TooLong.REPLY)) {
            framer.endLine(LineEnd.END_OF_STREAM, sink);
        }
        // The one place the framer is stricter: it gives up on a line of exactly the limit without a line end as soon
        // as it has it, not knowing that the stream ends there; the reader, which has it whole, takes it.
        int tail = 0;
        while (tail < stream.length && stream[stream.length - 1 - tail] != '\n') {
            tail++;
        }
        long lineEnds = 0;
        for (byte octet : stream) {
            lineEnds += octet == '\n' ? 1 : 0;
        }
        if (tail == cap && lines.indexOf(TooLong.REPLY) == lines.size() - 1 && lines.size() - 1 == lineEnds) {
            int length = stream[stream.length - 1] == '\r' ? tail - 1 : tail;
            lines.set(lines.size() - 1, new Wire.Line(new String(stream, stream.length - tail, length,
                    StandardCharsets.UTF_8), Wire.Line.END_OF_STREAM));
        }
        return lines;
    }

    /** A reply too long, in either reading. */
    private enum TooLong {
        REPLY
    }

    /** {@link Wire#read}, line after line, over a socket that hands over the octets at the times the input says. */
    private static void readByWire(byte[] stream, List<Integer> ends, int timing, int pace, int asks)
            throws Exception {
        Duration timeout = Duration.ofMillis(500 + (timing % 8) * 250L);
        Duration quiet = Duration.ofMillis(25 + (timing / 8) * 25L);
        SplittableRandom random = new SplittableRandom(pace);
        List<Arrival> arrivals = new ArrayList<>();
        long at = 0;
        int from = 0;
        for (int end : ends) {
            at += gapMillis(pace, random, timeout, quiet) * 1_000_000L;
            arrivals.add(new Arrival(at, Arrays.copyOfRange(stream, from, end)));
            from = end;
        }
        long closeAt = (pace & 4) != 0 ? at + gapMillis(pace, random, timeout, quiet) * 1_000_000L : Long.MAX_VALUE;
        String received = validUtf8(stream);
        Set<Integer> positions = Set.of(0); // where in the octets received the lines read so far may end
        SplittableRandom choice = new SplittableRandom(asks);

        FakeNanoClock.start();
        try (Wire wire = open(new ScriptedSocket(arrivals, closeAt), timeout, quiet)) {
            assertThat(System.nanoTime()).as("the fake clock is on").isZero();
            for (int i = 0; i <= stream.length; i++) { // each line takes an octet at least
                Ask ask = ASKS.get(choice.nextInt(ASKS.size()));
                long asked = FakeNanoClock.now();
                Wire.Line line;
                try {
                    line = wire.read();
                } catch (Wire.NoReplyException | ReplyReader.TooLongException e) {
                    assertThat(FakeNanoClock.now() - asked).as("time taken by a reply that failed: %s", e.getMessage())
                            .isLessThanOrEqualTo(timeout.toNanos());
                    checkDetail(e.getMessage());
                    return;
                }
                assertThat(FakeNanoClock.now() - asked).as("time taken by the reply %s", line)
                        .isLessThanOrEqualTo(timeout.toNanos());
                if (line == null) {
                    if (received != null) {
                        assertThat(positions).as("where the lines read end: all that was received")
                                .contains(received.length());
                    }
                    return;
                }
                assertThat(line.text().getBytes(StandardCharsets.UTF_8).length).as("a reply's length")
                        .isLessThanOrEqualTo(ReplyReader.DEFAULT_CAP);
                check(line, ask);
                if (received != null && line.text().indexOf('\uFFFD') >= 0) {
                    received = null; // silence cut a character in two: the octets are no longer text to compare
                }
                if (received != null) {
                    positions = after(positions, received, line);
                    String octets = received;
                    assertThat(positions).as(() -> line.shown() + " " + Show.text(line.end()) + " is not what came, "
                            + Show.text(octets)).isNotEmpty();
                }
            }
        } finally {
            FakeNanoClock.stop();
        }
    }

    /**
     * Where {@code line} may end in {@code received} if the lines before it end at one of {@code positions}: after
     * its text and line end, or, taken at a silence or the close, after its text and one CR that was dropped as half
     * a line end (the only CR if it has no text: every line takes an octet at least).
     */
    private static Set<Integer> after(Set<Integer> positions, String received, Wire.Line line) {
        Set<Integer> next = new HashSet<>();
        String piece = line.text() + lineEnd(line);
        boolean cut = lineEnd(line).isEmpty();
        for (int at : positions) {
            if (isAt(received, at, piece)) {
                if (!piece.isEmpty()) {
                    next.add(at + piece.length());
                }
                if (cut && isAt(received, at + piece.length(), "\r")) {
                    next.add(at + piece.length() + 1);
                }
            }
        }
        return next;
    }

    /**
     * True if {@code text} holds {@code piece} at {@code at}. Compared character by character: Jazzer's hooks on
     * {@code String} comparisons would hand the whole of a long {@code text} to the fuzzer at every line.
     */
    private static boolean isAt(String text, int at, String piece) {
        if (at + piece.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < piece.length(); i++) {
            if (text.charAt(at + i) != piece.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String lineEnd(Wire.Line line) {
        return line.end().equals(Wire.Line.END_OF_STREAM) ? "" : line.end();
    }

    /** The wait before the next read: none, up to twice the quiet period, just under it, or up to the timeout. */
    private static long gapMillis(int pace, SplittableRandom random, Duration timeout, Duration quiet) {
        return switch (pace % 4) {
            case 0 -> 0;
            case 1 -> random.nextLong(2 * quiet.toMillis() + 1);
            case 2 -> quiet.toMillis() - 1; // a drip that never lets the quiet period pass
            default -> random.nextLong(timeout.toMillis() + 1);
        };
    }

    /** The line read while {@code ask} awaited its reply: the catalogue's verdict and the codec's parse agree. */
    private static void check(Wire.Line line, Ask ask) {
        Verdict verdict = ask.judge().apply(line);
        assertThat(verdict.kind() == Verdict.Kind.MET).as(() -> ask.name() + " graded " + verdict + ", parsed "
                + ResponseParser.parse(ask.request(), line.text())).isEqualTo(ask.accepts().test(line.text()));
        if (verdict.kind() != Verdict.Kind.MET) {
            checkDetail(verdict.detail());
        }
        checkEscaped(line.shown());
    }

    /** A detail a report shows: escaped, bounded, and not a formula. */
    private static void checkDetail(String detail) {
        assertThat(detail).as("a detail").isNotEmpty();
        assertThat(detail.length()).as("length of %s", detail).isLessThanOrEqualTo(MAX_DETAIL);
        assertThat(FORMULA_STARTS.indexOf(detail.charAt(0))).as("a detail that starts a formula: %s", detail)
                .isNegative();
        checkEscaped(detail);
    }

    private static void checkEscaped(String text) {
        assertThat(text.codePoints().filter(ReplyReaderFuzzTest::isUnsafe).toArray())
                .as(() -> "characters left unescaped in " + text.codePoints()
                        .mapToObj(c -> isUnsafe(c) ? String.format("[U+%04X]", c) : Character.toString(c))
                        .collect(Collectors.joining()))
                .isEmpty();
    }

    /**
     * Characters that must never reach a report raw: controls, format characters (bidirectional overrides, tag
     * characters), line separators, and halves of a surrogate pair cut in two.
     */
    private static boolean isUnsafe(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE;
    }

    /** A request of the catalogue, how the catalogue grades its reply, and whether the codec takes a line for it. */
    private record Ask(String name, Request request, Function<Wire.Line, Verdict> judge, Predicate<String> accepts) {
    }

    private static List<Ask> asks() {
        List<Ask> asks = new ArrayList<>();
        asks.add(text("HELO checker", new Request.Helo("checker"), "Hello checker, pleased to meet you."));
        asks.add(text("HELO café-zürich", new Request.Helo("café-zürich"), "Hello café-zürich, pleased to meet you."));
        asks.add(text("BYE", new Request.Bye(), "See ya later"));
        for (String echo : List.of("this is some random text.", "bare", " two", "\t spaced  out\t ", "",
                "héllo wörld ✓ 日本語", "still here", "ERR helo-required say HELO first")) {
            asks.add(text("ECHO " + echo, new Request.Echo(echo), echo));
        }
        for (String token : List.of("helo-required", "empty-line", "unknown-command", "bad-argument", "bad-character",
                "invalid-utf8", "line-too-long", "unterminated-line", "too-many-errors", "idle-timeout")) {
            asks.add(new Ask("a line answered ERR " + token, new Request.ReqTime(), line -> Expect.error(line, token),
                    text -> {
                        Response.ErrorReply error = ResponseParser.parseError(text);
                        return error != null && error.reason().equals(token);
                    }));
        }
        return List.copyOf(asks);
    }

    /** A request whose reply the catalogue compares to {@code expected}. */
    private static Ask text(String name, Request request, String expected) {
        return new Ask(name, request, line -> Expect.text(line, expected), text -> {
            ServerLine parsed = ResponseParser.parse(request, text);
            return parsed instanceof Response response && !(response instanceof Response.ErrorReply)
                    && response.line().equals(expected);
        });
    }

    /** {@code octets} as text if they are well-formed UTF-8 without U+FFFD; null otherwise. */
    private static String validUtf8(byte[] octets) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(octets)).toString();
            return text.indexOf('\uFFFD') >= 0 ? null : text;
        } catch (CharacterCodingException malformed) {
            return null;
        }
    }


    /** A wire over {@code socket}, as {@link Wire#open} makes one over a connected socket. */
    private static Wire open(Socket socket, Duration timeout, Duration quiet) throws Exception {
        return WIRE.newInstance(socket, timeout, quiet, null);
    }

    private static Constructor<Wire> wireConstructor() {
        try {
            Constructor<Wire> wire = Wire.class.getDeclaredConstructor(Socket.class, Duration.class, Duration.class,
                    Transcript.class);
            wire.setAccessible(true);
            return wire;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Wire is no longer made from a connected socket", e);
        }
    }

    /** Octets the server sends, and when they arrive, in fake nanoseconds. */
    private record Arrival(long at, byte[] octets) {
    }

    /**
     * A connected socket as the checker sees it, without a network: reads hand over the arrivals at their times on the
     * fake clock, a read with nothing due within its timeout moves the clock on by the timeout and times out, and the
     * stream ends at {@code closeAt}. What the checker sends is dropped.
     */
    private static final class ScriptedSocket extends Socket {
        /** Thrown for every read that times out: Wire only catches it, and making one each time costs a stack trace. */
        private static final SocketTimeoutException TIMED_OUT = new SocketTimeoutException("Read timed out");

        private final List<Arrival> arrivals;
        private final long closeAt;
        private int next;
        private int offset;
        private int timeoutMillis;

        ScriptedSocket(List<Arrival> arrivals, long closeAt) throws IOException {
            super((SocketImpl) null);
            this.arrivals = arrivals;
            this.closeAt = closeAt;
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 8008); // named in the transcript
        }

        @Override
        public InputStream getInputStream() {
            return new InputStream() {
                @Override
                public int read() {
                    throw new UnsupportedOperationException("Wire reads into its buffer");
                }

                @Override
                public int read(byte[] buffer, int at, int length) throws IOException {
                    if (timeoutMillis <= 0) {
                        throw new AssertionError("a read without a timeout: it could wait for ever");
                    }
                    long until = FakeNanoClock.now() + timeoutMillis * 1_000_000L;
                    if (next < arrivals.size() && arrivals.get(next).at() <= until) {
                        Arrival arrival = arrivals.get(next);
                        FakeNanoClock.advanceTo(arrival.at());
                        int count = Math.min(length, arrival.octets().length - offset);
                        System.arraycopy(arrival.octets(), offset, buffer, at, count);
                        offset += count;
                        if (offset == arrival.octets().length) {
                            next++;
                            offset = 0;
                        }
                        return count;
                    }
                    if (next == arrivals.size() && closeAt <= until) {
                        FakeNanoClock.advanceTo(closeAt);
                        return -1;
                    }
                    FakeNanoClock.advanceTo(until);
                    throw TIMED_OUT;
                }
            };
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void setSoTimeout(int timeout) {
            timeoutMillis = timeout;
        }

        @Override
        public int getSoTimeout() {
            return timeoutMillis;
        }

        @Override
        public void setSoLinger(boolean on, int linger) {
            // nothing to reset
        }

        @Override
        public void shutdownOutput() {
            // nothing is sent
        }

        @Override
        public synchronized void close() {
            // nothing to close
        }
    }
}
