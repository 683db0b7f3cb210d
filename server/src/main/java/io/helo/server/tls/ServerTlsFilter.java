package io.helo.server.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * MINA's TLS filter for the server's side, with one certificate: TLS 1.3 and 1.2 only, the JDK's default cipher
 * suites in the server's order. A certificate reload makes a new filter; a session keeps the one it began with.
 */
final class ServerTlsFilter extends SslFilter {
    /** The protocol versions served: TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final char[] IN_MEMORY = "helo".toCharArray(); // the key store never leaves the heap

    private final SSLContext context;

    private ServerTlsFilter(SSLContext context) {
        super(context);
        this.context = context; // our own: SslFilter's field of it is not MINA's API
    }

    /** A filter serving {@code material}'s certificate chain and key. */
    static ServerTlsFilter serving(CertificateFiles.Material material) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry("server", material.key(), IN_MEMORY, material.chain().toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(store, IN_MEMORY);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new ServerTlsFilter(context); // its engines' protocols are set where they are made, below
    }

    /**
     * Passes the close on even when MINA's handler fails: after a handshake that failed in a delegated task (a
     * client offering TLS 1.1), MINA rethrows the stored error on close and the session's own close never reaches
     * the handler, which would keep the connection counted for good.
     */
    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        try {
            super.sessionClosed(next, session);
        } catch (SSLException | RuntimeException e) {
            next.sessionClosed(session); // MINA's filter passes the close on last: it had not
        }
    }

    /**
     * As MINA's, but without the peer's host name: MINA asks the address for it, which is a reverse DNS lookup per
     * connection, and a server needs no peer name.
     */
    @Override
    protected SSLEngine createEngine(IoSession session, InetSocketAddress address) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(Arrays.stream(engine.getSupportedProtocols()).filter(PROTOCOLS::contains)
                .toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
        return engine;
    }
}
