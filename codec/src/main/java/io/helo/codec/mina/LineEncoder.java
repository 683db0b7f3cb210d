package io.helo.codec.mina;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.apache.mina.filter.codec.textline.LineDelimiter;
import org.apache.mina.filter.codec.textline.TextLineEncoder;

/** Writes typed messages as UTF-8 lines ending in CRLF, using each message's explicit wire form. */
class LineEncoder<T> extends TextLineEncoder {
    private final Class<T> type;
    private final Function<T, String> wireForm;

    LineEncoder(Class<T> type, Function<T, String> wireForm) {
        super(StandardCharsets.UTF_8, LineDelimiter.CRLF);
        this.type = type;
        this.wireForm = wireForm;
    }

    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) throws Exception {
        if (!type.isInstance(message)) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getName());
        }
        T typed = type.cast(message);
        beforeEncode(session, typed);
        super.encode(session, wireForm.apply(typed), out);
    }

    /** Called before {@code message} is encoded, in the writing thread and in write order. */
    void beforeEncode(IoSession session, T message) {
        // nothing by default
    }
}
