package io.helo.codec.mina;

import io.helo.codec.ClosingNotice;
import io.helo.codec.HeloProtocol;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.Request;
import io.helo.codec.ResponseParser;
import io.helo.codec.ServerLine;
import io.helo.codec.UnexpectedReply;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * The client's decoder: each reply line becomes a {@link ServerLine}, read as the answer to the oldest request
 * not yet answered. A closing notice leaves that request unanswered; a line that fits nothing still counts as its
 * reply, so that later replies stay in step.
 */
final class ResponseDecoder extends ProtocolDecoderAdapter {
    private static final AttributeKey FRAMER = new AttributeKey(ResponseDecoder.class, "framer");

    private final int maxLineLength;

    ResponseDecoder(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        framer(session).feed(bytes, 0, bytes.length, new Replies(RequestEncoder.pending(session), out));
    }

    @Override
    public void finishDecode(IoSession session, ProtocolDecoderOutput out) {
        framer(session).endLine(LineEnd.END_OF_STREAM, new Replies(RequestEncoder.pending(session), out));
    }

    private LineFramer framer(IoSession session) {
        LineFramer framer = (LineFramer) session.getAttribute(FRAMER);
        if (framer == null) {
            framer = new LineFramer(maxLineLength, HeloProtocol.DEFAULT_MAX_DISCARD);
            session.setAttribute(FRAMER, framer);
        }
        return framer;
    }

    /** Matches each line with the request it answers. */
    private static final class Replies implements LineFramer.Sink {
        private final Queue<Request> pending;
        private final ProtocolDecoderOutput out;

        Replies(Queue<Request> pending, ProtocolDecoderOutput out) {
            this.pending = pending;
            this.out = out;
        }

        @Override
        public boolean line(byte[] bytes, int from, int to, LineEnd end) {
            ServerLine line = ResponseParser.parse(pending.peek(), new String(bytes, from, to - from,
                    StandardCharsets.UTF_8));
            if (!(line instanceof ClosingNotice)) {
                pending.poll();
            }
            out.write(line);
            return true;
        }

        @Override
        public boolean tooLong() {
            out.write(UnexpectedReply.overLimit(pending.poll()));
            return true;
        }

        @Override
        public boolean unterminated() {
            return true; // already reported as too long
        }
    }
}
