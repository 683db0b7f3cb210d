package io.helo.codec.mina;

import io.helo.codec.InvalidRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * Codecs for a {@link org.apache.mina.filter.codec.ProtocolCodecFilter}: typed messages in, CRLF-terminated
 * UTF-8 lines out.
 *
 * <p>The server side decodes each line to a {@link Request} or an {@link InvalidRequest} and encodes
 * {@link Response}s. The client side encodes {@link Request}s and decodes each reply line to the
 * {@link Response} it means for the request it answers; a reply that fits no request reaches the handler's
 * {@code exceptionCaught} as a {@link org.apache.mina.filter.codec.RecoverableProtocolDecoderException}.
 */
public final class HeloCodecFactory implements ProtocolCodecFactory {
    private final ProtocolEncoder encoder;
    private final ProtocolDecoder decoder;

    private HeloCodecFactory(ProtocolEncoder encoder, ProtocolDecoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** The codec for a server: lines longer than {@code maxLineLength} octets (with CRLF) become errors. */
    public static HeloCodecFactory forServer(int maxLineLength) {
        return new HeloCodecFactory(new LineEncoder<>(Response.class, Response::line), new RequestDecoder(maxLineLength));
    }

    /** The codec for a client: replies longer than {@code maxLineLength} octets (with CRLF) are refused. */
    public static HeloCodecFactory forClient(int maxLineLength) {
        return new HeloCodecFactory(new RequestEncoder(), new ResponseDecoder(maxLineLength));
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoder;
    }
}
