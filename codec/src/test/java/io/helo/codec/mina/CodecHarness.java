package io.helo.codec.mina;

import io.helo.codec.LineFramer;
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

    /** The octets the session's line framer holds for an unfinished line: what it costs beyond its read buffer. */
    int bufferedBytesCapacity() {
        for (Object key : session.getAttributeKeys()) {
            if (session.getAttribute(key) instanceof LineFramer framer) {
                return framer.heldBytes();
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
