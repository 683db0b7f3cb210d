package io.helo.codec.mina;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helo.codec.ClosingNotice;
import io.helo.codec.HeloProtocol;
import io.helo.codec.LineFramer;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.ResponseParser;
import io.helo.codec.ServerLine;
import io.helo.codec.UnexpectedReply;
import io.helo.codec.blocking.LineReader;
import io.helo.codec.testing.Chunks;
import io.helo.codec.testing.FuzzInput;
import io.helo.codec.testing.IpLiteralGrammar;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * Fuzzes what a client does with the octets a hostile server sends after some requests: the MINA client codec
 * ({@link HeloCodecFactory#forClient}) read by read, and the blocking client's reading ({@link LineReader} and
 * {@link ResponseParser}, as {@code HeloClient.receive} does) over the same octets cut otherwise. Both find the same
 * replies; every reply accepted as an answer is the line received, exactly ({@code line()}), and answers the request
 * awaited; an address is accepted exactly when it is an IP literal (RFC 3986); an error line is an error; a line
 * shown to a person is escaped and short; no line handed to the parser is longer than the client's limit, and the
 * codec never holds more than that limit for a line.
 *
 * <p>Input: option octets (reply length limit, then how many requests await replies and which, a run of filler
 * octets and where it goes, how to cut reads), then the server's octets.
 */
class ReplyReadingFuzzTest {
    private static final List<Request> REQUESTS = List.of(new Request.Helo("fuzz"), new Request.ReqTime(),
            new Request.ReqDate(), new Request.Echo("hi"), new Request.Echo(""), new Request.ReqIp(),
            new Request.Echo("ERR busy too many connections, try again later"), new Request.Bye());
    /** Longest description of an unexpected line: its text is cut to 80 characters, each escaped in at most 6. */
    private static final int MAX_DESCRIPTION = 600;

    @FuzzTest
    void read(byte[] input) throws Exception {
        FuzzInput in = new FuzzInput(input);
        int limitOption = in.option();
        int maxReplyLength = limitOption >= 250 ? 64 * 1024 : 2 + limitOption % 126;
        List<Request> sent = new ArrayList<>();
        for (int count = in.option() % 9; count > 0; count--) {
            sent.add(REQUESTS.get(in.option() % REQUESTS.size()));
        }
        int filler = in.option(); // mostly none or a few KiB; one in eight past the 64 KiB discard limit
        int fillerKiB = filler < 224 ? filler % 4 : 64 + filler - 224;
        int fillerAt = in.option();
        int cuts = in.option();
        byte[] stream = FuzzInput.withFiller(in.rest(), fillerKiB, fillerAt);

        List<ServerLine> byCodec = readByCodec(sent, stream, maxReplyLength, cuts);
        List<ServerLine> byBlockingClient = readByBlockingClient(sent, stream, maxReplyLength, cuts);
        assertThat(byBlockingClient).as("the blocking client's replies").isEqualTo(byCodec);

        Queue<Request> awaiting = new ArrayDeque<>(sent);
        for (ServerLine line : byCodec) {
            check(line, awaiting.peek(), maxReplyLength);
            if (!(line instanceof ClosingNotice)) {
                awaiting.poll();
            }
        }
    }

    /** What the reply to {@code awaited} may be, by PROTOCOL.md section 6 and the client's limit. */
    private static void check(ServerLine line, Request awaited, int maxReplyLength) {
        if (line instanceof Response.ErrorReply error) {
            assertThat(awaited).as("an error while nothing awaits a reply closes").isNotNull();
            assertThat(error.knownReason().map(reason -> reason.closesConnection())).isNotEqualTo(
                    java.util.Optional.of(true));
        } else if (line instanceof Response response) {
            assertThat(awaited).as("a reply while nothing awaits one").isNotNull();
            assertThat(answers(response, awaited)).as("%s answers %s", response, awaited).isTrue();
        } else if (line instanceof ClosingNotice notice) {
            assertThat(notice.reply().knownReason().map(reason -> reason.closesConnection()).orElse(false)
                    || awaited == null).as("%s closes", notice).isTrue();
        } else {
            UnexpectedReply unexpected = (UnexpectedReply) line;
            assertThat(unexpected.awaited()).isEqualTo(awaited);
            String description = unexpected.describe();
            assertThat(description.length()).as("length of %s", description).isLessThanOrEqualTo(MAX_DESCRIPTION);
            assertThat(description.chars().noneMatch(ReplyReadingFuzzTest::isUnsafe)).as("escaped: %s", description)
                    .isTrue();
        }
    }

    private static boolean answers(Response response, Request awaited) {
        return switch (awaited.command()) {
            case HELO -> response instanceof Response.Greeting;
            case REQTIME -> response instanceof Response.CurrentTime;
            case REQDATE -> response instanceof Response.CurrentDate;
            case ECHO -> response instanceof Response.Echo echo && echo.text().equals(((Request.Echo) awaited).text());
            case REQIP -> response instanceof Response.Address;
            case BYE -> response instanceof Response.Goodbye;
        };
    }

    /** Characters that must never reach a terminal or a log raw: controls, format characters, line separators. */
    private static boolean isUnsafe(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT;
    }

    /** The MINA client codec: requests encoded, then the server's octets decoded read by read. */
    private static List<ServerLine> readByCodec(List<Request> sent, byte[] stream, int maxReplyLength, int cuts)
            throws Exception {
        ProtocolCodecSession session = new ProtocolCodecSession();
        ProtocolCodecFactory codec = HeloCodecFactory.forClient(maxReplyLength);
        ProtocolEncoder encoder = codec.getEncoder(session);
        ProtocolDecoder decoder = codec.getDecoder(session);
        for (Request request : sent) {
            encoder.encode(session, request, session.getEncoderOutput());
        }
        int from = 0;
        for (int end : Chunks.ends(stream.length, cuts)) {
            decoder.decode(session, IoBuffer.wrap(stream, from, end - from), session.getDecoderOutput());
            assertThat(heldBytes(session)).as("octets held for a reply").isLessThanOrEqualTo(maxReplyLength);
            from = end;
        }
        decoder.finishDecode(session, session.getDecoderOutput());
        List<ServerLine> lines = new ArrayList<>();
        for (Object message : session.getDecoderOutputQueue()) {
            lines.add((ServerLine) message);
        }
        return lines;
    }

    /** The blocking client's reading, as {@code HeloClient.receive} does it, until the server's stream ends. */
    private static List<ServerLine> readByBlockingClient(List<Request> sent, byte[] stream, int maxReplyLength,
            int cuts) throws IOException {
        LineReader reader = LineReader.of(new CutStream(stream, Chunks.ends(stream.length, cuts)), maxReplyLength,
                HeloProtocol.DEFAULT_MAX_DISCARD);
        Queue<Request> awaiting = new ArrayDeque<>(sent);
        List<ServerLine> lines = new ArrayList<>();
        for (LineReader.Framed next; (next = reader.read(Duration.ZERO)) != null; ) {
            if (next instanceof LineReader.Line line) {
                assertThat(line.bytes().length).as("a reply handed to the parser").isLessThan(maxReplyLength);
                ServerLine parsed = ResponseParser.parse(awaiting.peek(), line.text());
                if (awaiting.peek() instanceof Request.ReqIp && !line.text().startsWith("ERR ")) {
                    boolean literal = IpLiteralGrammar.isIpv4(line.text()) || IpLiteralGrammar.isIpv6(line.text());
                    assertThat(parsed instanceof Response.Address).as("%s as an address", line.text())
                            .isEqualTo(literal);
                }
                assertThat(line.text()).as("the line read as %s", parsed).isIn(received(parsed),
                        erroneousSpace(parsed));
                if (!(parsed instanceof ClosingNotice)) {
                    awaiting.poll();
                }
                lines.add(parsed);
            } else if (next instanceof LineReader.TooLong) {
                lines.add(UnexpectedReply.overLimit(awaiting.poll()));
            } // Unterminated: the line it ends was reported as too long already
        }
        return lines;
    }

    /** The line a reply was read from, as {@code line()} gives it back. */
    private static String received(ServerLine parsed) {
        if (parsed instanceof Response response) {
            return response.line();
        }
        return parsed instanceof ClosingNotice notice ? notice.reply().line() : ((UnexpectedReply) parsed).line();
    }

    /**
     * The one line an accepted reply may differ from: an error line with a space but no explanation after its reason
     * ({@code ERR busy }), which the grammar does not allow and the parser takes as {@code ERR busy}.
     */
    private static String erroneousSpace(ServerLine parsed) {
        Response.ErrorReply error = parsed instanceof Response.ErrorReply reply ? reply
                : parsed instanceof ClosingNotice notice ? notice.reply() : null;
        return error != null && error.text().isEmpty() ? error.line() + " " : null;
    }

    private static int heldBytes(ProtocolCodecSession session) {
        for (Object key : session.getAttributeKeys()) {
            if (session.getAttribute(key) instanceof LineFramer framer) {
                return framer.heldBytes();
            }
        }
        return 0;
    }


    /** A stream that hands its octets over in the given reads. */
    private static final class CutStream extends InputStream {
        private final byte[] octets;
        private final Iterator<Integer> ends;
        private int position;
        private int end;

        CutStream(byte[] octets, List<Integer> ends) {
            this.octets = octets;
            this.ends = ends.iterator();
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("LineReader reads into its buffer");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == end) {
                if (!ends.hasNext()) {
                    return -1;
                }
                end = ends.next();
            }
            int count = Math.min(length, end - position);
            System.arraycopy(octets, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
