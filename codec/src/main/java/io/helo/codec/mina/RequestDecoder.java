package io.helo.codec.mina;

import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.ParsedRequest;
import io.helo.codec.ProtocolException;
import io.helo.codec.RequestParser;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.RecoverableProtocolDecoderException;
import org.apache.mina.filter.codec.textline.LineDelimiter;
import org.apache.mina.filter.codec.textline.TextLineDecoder;

/**
 * The server's decoder: one {@code Request} or {@code InvalidRequest} per line, in order.
 *
 * <p>Lines are cut as ISO-8859-1, which maps every byte to a character and so can never fail, and are then
 * checked as UTF-8 one by one. MINA's UTF-8 line decoder would instead drop every later line of the same read
 * after a malformed byte.
 *
 * <p>MINA's decoder reports an over-long line only when its line end arrives, and discards its bytes meanwhile;
 * this one also tracks the unterminated tail of the input so that a client streaming without line ends is
 * answered at once and, past the discard limit, told the connection is closing.
 */
final class RequestDecoder extends TextLineDecoder {
    private static final InvalidRequest TOO_LONG = new InvalidRequest(ErrorReason.LINE_TOO_LONG);
    private static final InvalidRequest NOT_UTF8 = new InvalidRequest(ErrorReason.INVALID_UTF8);
    private static final InvalidRequest UNTERMINATED = new InvalidRequest(ErrorReason.UNTERMINATED_LINE);
    private static final AttributeKey TAIL = new AttributeKey(RequestDecoder.class, "tail");

    private final int maxLineLength;
    private final long maxDiscard;

    RequestDecoder(int maxLineLength, int maxDiscard) {
        super(StandardCharsets.ISO_8859_1, LineDelimiter.AUTO);
        setMaxLineLength(maxLineLength);
        this.maxLineLength = maxLineLength;
        this.maxDiscard = maxDiscard;
    }

    /** The bytes after the last line end seen, and whether they were already answered as too long. */
    private static final class Tail {
        long length;
        boolean answered;
        boolean abandoned;
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws Exception {
        Tail tail = tail(session);
        if (tail.abandoned) {
            in.position(in.limit()); // the connection is closing: nothing more is read from it
            return;
        }
        int start = in.position();
        int end = in.limit();
        int lastLineEnd = lastLineEnd(in, start, end);
        boolean firstAlreadyAnswered = tail.answered;
        while (in.hasRemaining()) {
            try {
                super.decode(session, in, out);
            } catch (RecoverableProtocolDecoderException tooLong) {
                // thrown at the line end of an over-long line; the rest of the buffer is still to decode
                if (!firstAlreadyAnswered) {
                    out.write(TOO_LONG);
                }
                firstAlreadyAnswered = false;
            }
        }
        if (lastLineEnd < 0) {
            tail.length += end - start;
        } else {
            tail.length = end - lastLineEnd - 1;
            tail.answered = false;
        }
        if (tail.length >= maxLineLength && !tail.answered) {
            out.write(TOO_LONG); // it can no longer fit, whatever comes next
            tail.answered = true;
        }
        if (tail.length > maxLineLength + maxDiscard) {
            out.write(UNTERMINATED);
            tail.abandoned = true;
        }
    }

    @Override
    protected void writeText(IoSession session, String latin1, ProtocolDecoderOutput out) {
        out.write(toRequest(latin1));
    }

    /** Decodes the bytes of one line, given as ISO-8859-1 characters, to a request or the reason it is invalid. */
    static ParsedRequest toRequest(String latin1) {
        String line = isAscii(latin1) ? latin1 : utf8(latin1);
        if (line == null) {
            return NOT_UTF8;
        }
        try {
            return RequestParser.parse(line);
        } catch (ProtocolException e) {
            return new InvalidRequest(e.reason());
        }
    }

    private static int lastLineEnd(IoBuffer in, int start, int end) {
        for (int i = end - 1; i >= start; i--) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Tail tail(IoSession session) {
        Tail tail = (Tail) session.getAttribute(TAIL);
        if (tail == null) {
            tail = new Tail();
            session.setAttribute(TAIL, tail);
        }
        return tail;
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String utf8(String latin1) {
        try {
            // newDecoder() reports malformed input (overlong forms and surrogates included) instead of replacing it
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
