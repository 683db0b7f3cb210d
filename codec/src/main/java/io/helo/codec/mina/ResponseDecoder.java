package io.helo.codec.mina;

import io.helo.codec.Request;
import io.helo.codec.ResponseParser;
import io.helo.codec.UnexpectedReplyException;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.RecoverableProtocolDecoderException;
import org.apache.mina.filter.codec.textline.LineDelimiter;
import org.apache.mina.filter.codec.textline.TextLineDecoder;

/** The client's decoder: parses each reply line as the answer to the oldest request not yet answered. */
final class ResponseDecoder extends TextLineDecoder {

    ResponseDecoder(int maxLineLength) {
        super(StandardCharsets.UTF_8, LineDelimiter.AUTO);
        setMaxLineLength(maxLineLength);
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        try {
            super.decode(session, in, out);
        } catch (BadReply e) {
            throw new RecoverableProtocolDecoderException(e.getMessage());
        }
    }

    @Override
    protected void writeText(IoSession session, String line, ProtocolDecoderOutput out) {
        Request request = RequestEncoder.pending(session).poll();
        if (request == null) {
            throw new BadReply("reply without a request: \"" + line + "\"");
        }
        try {
            out.write(ResponseParser.parse(request, line));
        } catch (UnexpectedReplyException e) {
            throw new BadReply(e.getMessage());
        }
    }

    /** Unchecked carrier, since {@code writeText} cannot throw checked exceptions. */
    static final class BadReply extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadReply(String message) {
            super(message, null, false, false);
        }
    }
}
