package io.helo.client;

import io.helo.codec.IpLiterals;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * MINA's {@link SslFilter} for the client: TLS 1.3 or 1.2, the server's certificate checked against the host the
 * user named, and a failed handshake handed on as one {@link HandshakeFailed} whatever form it took.
 */
final class ClientTlsFilter extends SslFilter {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final String host;
    private final int port;

    /** A filter for a connection to {@code host}, exactly as the user wrote it, on {@code port}. */
    ClientTlsFilter(SSLContext context, String host, int port) {
        super(context);
        this.host = host;
        this.port = port; // protocols and the name check are set on each engine, in createEngine
    }

    /**
     * Unlike {@link SslFilter#createEngine}, names the peer as the user did: {@code addr.getHostName()} would look
     * an IP literal up in reverse DNS, and the name checked against the certificate would be whatever came back.
     */
    @Override
    protected SSLEngine createEngine(IoSession session, InetSocketAddress addr) {
        SSLEngine engine = sslContext.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(PROTOCOLS);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (IpLiterals.parse(host).isEmpty()) {
            // the JDK sends SNI by itself only for names with a dot: not for localhost
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry (an underscore, a trailing dot): the name check still applies
            }
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** Before the handshake is done, any failure is the handshake's: described for the user, then handed on. */
    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        if (isSecured(session) || cause instanceof HandshakeFailed) {
            next.exceptionCaught(session, cause);
        } else {
            next.exceptionCaught(session, failed(HandshakeFailure.of(cause), HandshakeFailure.message(cause)));
        }
    }

    /** A close before the handshake is done is a server that does not speak TLS on this port. */
    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        if (!isSecured(session)) {
            next.exceptionCaught(session, failed(HandshakeFailure.NOT_TLS, null));
        }
        super.sessionClosed(next, session);
    }

    /** The failure to report for this connection: {@code why}, with the JDK's words or the timeout as detail. */
    HandshakeFailed failed(HandshakeFailure why, String detail) {
        return new HandshakeFailed(why.describe(host, port, detail));
    }

    private static boolean isSecured(IoSession session) {
        return session.containsAttribute(SSL_SECURED);
    }

    /** The handshake failed; the message is the line for the user. */
    static final class HandshakeFailed extends Exception {
        private static final long serialVersionUID = 1L;

        HandshakeFailed(String message) {
            super(message, null, false, false);
        }
    }
}
