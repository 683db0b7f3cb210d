package io.helo.codec.mina;

import io.helo.codec.HeloProtocol;
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

    /**
     * The codec for a server with the default discard limit; see {@link #forServer(int, int)}.
     *
     * @param maxLineLength the longest request line accepted, in octets, line end included
     * @return a server codec factory
     */
    public static HeloCodecFactory forServer(int maxLineLength) {
        return forServer(maxLineLength, HeloProtocol.DEFAULT_MAX_DISCARD);
    }

    /**
     * The codec for a server. A line longer than {@code maxLineLength} octets (with its line end) becomes one
     * {@code LINE_TOO_LONG} as soon as it passes the limit, and is discarded up to its line end; if more than
     * {@code maxDiscard} further octets come without one, the decoder emits {@code UNTERMINATED_LINE}, after
     * which the server is expected to close.
     *
     * @param maxLineLength the longest request line accepted, in octets, line end included
     * @param maxDiscard octets of an over-long line, past the limit, discarded before {@code UNTERMINATED_LINE}
     * @return a server codec factory
     */
    public static HeloCodecFactory forServer(int maxLineLength, int maxDiscard) {
        return new HeloCodecFactory(new LineEncoder<>(Response.class, Response::line),
                new RequestDecoder(maxLineLength, maxDiscard));
    }

    /**
     * The codec for a client: replies longer than {@code maxLineLength} octets (with CRLF) are refused.
     *
     * @param maxLineLength the longest reply line accepted, in octets, CRLF included
     * @return a client codec factory
     */
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
