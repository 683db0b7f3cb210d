package io.helo.codec.mina;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Writes typed messages as UTF-8 lines ending in CRLF, using each message's explicit wire form.
 *
 * <p>The same bytes as MINA's {@code TextLineEncoder} with UTF-8 and {@code LineDelimiter.CRLF}, made with
 * {@link String#getBytes} into a buffer of exactly the right size: MINA's encoder goes through a
 * {@code CharsetEncoder} and an auto-expanding buffer for every line, which costs more than the rest of a reply.
 */
class LineEncoder<T> extends ProtocolEncoderAdapter {
    private final Class<T> type;
    private final Function<T, String> wireForm;

    LineEncoder(Class<T> type, Function<T, String> wireForm) {
        this.type = type;
        this.wireForm = wireForm;
    }

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        if (!type.isInstance(message)) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getName());
        }
        T typed = type.cast(message);
        beforeEncode(session, typed);
        byte[] line = wireForm.apply(typed).getBytes(StandardCharsets.UTF_8);
        IoBuffer buffer = IoBuffer.allocate(line.length + 2);
        buffer.put(line).put((byte) '\r').put((byte) '\n').flip();
        out.write(buffer);
    }

    /** Called before {@code message} is encoded, in the writing thread and in write order. */
    void beforeEncode(IoSession session, T message) {
        // nothing by default
    }
}
