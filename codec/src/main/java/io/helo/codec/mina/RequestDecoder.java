package io.helo.codec.mina;

import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.RequestLine;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * The server's decoder: one {@code Request} or {@code InvalidRequest} per line, in order, by the codec's
 * {@link LineFramer} and {@link RequestLine}. A line that is not UTF-8 is one {@code INVALID_UTF8} and costs no
 * other line; an over-long line is answered as soon as it can no longer fit, and past the discard limit the
 * decoder emits {@code UNTERMINATED_LINE} and ignores the rest of the stream.
 */
final class RequestDecoder extends ProtocolDecoderAdapter {
    private static final AttributeKey FRAMER = new AttributeKey(RequestDecoder.class, "framer");

    private final int maxLineLength;
    private final int maxDiscard;

    RequestDecoder(int maxLineLength, int maxDiscard) {
        this.maxLineLength = maxLineLength;
        this.maxDiscard = maxDiscard;
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        LineFramer framer = framer(session);
        Lines lines = new Lines(out);
        if (in.hasArray()) {
            int start = in.arrayOffset() + in.position();
            framer.feed(in.array(), start, start + in.remaining(), lines);
        } else {
            byte[] copy = new byte[in.remaining()]; // a direct buffer: framed from a copy
            in.buf().duplicate().get(copy);
            framer.feed(copy, 0, copy.length, lines);
        }
        in.position(in.limit());
    }

    @Override
    public void finishDecode(IoSession session, ProtocolDecoderOutput out) {
        framer(session).endLine(LineEnd.END_OF_STREAM, new Lines(out)); // the peer will never send the rest
    }

    private LineFramer framer(IoSession session) {
        LineFramer framer = (LineFramer) session.getAttribute(FRAMER);
        if (framer == null) {
            framer = new LineFramer(maxLineLength, maxDiscard);
            session.setAttribute(FRAMER, framer);
        }
        return framer;
    }

    /** Turns the framer's findings into decoded messages. */
    private static final class Lines implements LineFramer.Sink {
        private static final InvalidRequest TOO_LONG = new InvalidRequest(ErrorReason.LINE_TOO_LONG);
        private static final InvalidRequest UNTERMINATED = new InvalidRequest(ErrorReason.UNTERMINATED_LINE);

        private final ProtocolDecoderOutput out;
        private final RequestLine request = new RequestLine();

        Lines(ProtocolDecoderOutput out) {
            this.out = out;
        }

        @Override
        public boolean line(byte[] bytes, int from, int to, LineEnd end) {
            out.write(request.parse(bytes, from, to).toParsedRequest());
            return true;
        }

        @Override
        public boolean tooLong() {
            out.write(TOO_LONG);
            return true;
        }

        @Override
        public boolean unterminated() {
            out.write(UNTERMINATED);
            return true;
        }
    }
}
