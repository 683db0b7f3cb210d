package io.helo.codec.mina;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** Runs a codec in memory, one {@link ProtocolCodecSession} per harness, as the codec filter would. */
final class CodecHarness {
    private final ProtocolCodecSession session = new ProtocolCodecSession();
    private final ProtocolEncoder encoder;
    private final ProtocolDecoder decoder;

    CodecHarness(ProtocolCodecFactory factory) throws Exception {
        encoder = factory.getEncoder(session);
        decoder = factory.getDecoder(session);
    }

    /** Decodes each chunk as one read and returns every message produced, in order. */
    List<Object> decode(byte[]... chunks) throws Exception {
        List<Object> messages = new ArrayList<>();
        for (byte[] chunk : chunks) {
            IoBuffer in = IoBuffer.wrap(chunk);
            decoder.decode(session, in, session.getDecoderOutput());
            messages.addAll(session.getDecoderOutputQueue());
            session.getDecoderOutputQueue().clear();
        }
        return messages;
    }

    /**
     * The capacity of the buffer in which MINA's line decoder keeps the unfinished line of this session, found by
     * reflection since MINA keeps it private: what the session costs in memory beyond its read buffer.
     */
    int bufferedBytesCapacity() throws ReflectiveOperationException {
        for (Object key : session.getAttributeKeys()) {
            Object value = session.getAttribute(key);
            if (value != null && value.getClass().getName().endsWith("TextLineDecoder$Context")) {
                java.lang.reflect.Field buf = value.getClass().getDeclaredField("buf");
                buf.setAccessible(true);
                return ((IoBuffer) buf.get(value)).capacity();
            }
        }
        return 0;
    }

    /** Encodes each message and returns the bytes that would go on the wire. */
    byte[] encode(Object... messages) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Object message : messages) {
            encoder.encode(session, message, session.getEncoderOutput());
            for (Object out; (out = session.getEncoderOutputQueue().poll()) != null; ) {
                IoBuffer buffer = (IoBuffer) out;
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                wire.writeBytes(bytes);
            }
        }
        return wire.toByteArray();
    }
}
