package io.helo.server.tls;

import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.ssl.EncryptedWriteRequest;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * The first filter of a connection at a TLS port (after a trusted proxy's header), one per connection: if the
 * client's first octet opens a TLS handshake record, puts the current certificate's TLS filter behind itself, so that
 * everything after is encrypted; otherwise the connection's {@link TlsSession} says plaintext, and the session answers
 * it {@code ERR tls-required}, in plaintext, and closes. The TLS filter is added only once the client has spoken, so
 * a reload between the connection and the handshake still serves the new certificate.
 */
final class TlsGate extends IoFilterAdapter {
    /** This filter's name in a session's chain. */
    static final String NAME = "tls-gate";
    /** TLS record type 22, handshake: a ClientHello begins with it (RFC 8446 section 5.1). */
    private static final byte HANDSHAKE_RECORD = 0x16;
    /** TLS record type 21, alert. */
    private static final byte ALERT_RECORD = 0x15;

    private final TlsCertificates certificates;
    private final TlsSession tls;

    TlsGate(TlsCertificates certificates, TlsSession tls) {
        this.certificates = certificates;
        this.tls = tls;
    }

    /** The TLS port's state of {@code session}, or null if it came to a plaintext port. */
    static TlsSession of(IoSession session) {
        return session.getFilterChain().get(NAME) instanceof TlsGate gate ? gate.tls : null;
    }

    /** True if {@code first}, a client's first octet, opens a TLS handshake record. */
    static boolean opensHandshake(byte first) {
        return first == HANDSHAKE_RECORD;
    }

    /** Holds a line written before the client spoke (ERR busy at once, ERR shutting-down, ERR idle-timeout). */
    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (!tls.hold(session, request)) {
            next.filterWrite(session, request);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        IoBuffer in = (IoBuffer) message;
        if (tls.isUndecided() && in.hasRemaining()) {
            if (opensHandshake(in.get(in.position()))) {
                session.getFilterChain().addAfter(NAME, TlsSession.TLS_FILTER, certificates.filter()); // next is TLS
                release(session, tls.decide(TlsSession.Mode.ENCRYPTED), true);
            } else {
                release(session, tls.decide(TlsSession.Mode.PLAINTEXT), false);
            }
        }
        next.messageReceived(session, message);
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (request instanceof EncryptedWriteRequest encrypted && encrypted.getOriginalRequest() == encrypted) {
            // a record of TLS's own: after the TLS filter was removed, the close_notify alert
            if (tls.runAfterAlert()) {
                return;
            }
            // an alert before the handshake completed: it failed, in a task of MINA's whose error reaches no one
            if (!session.containsAttribute(SslFilter.SSL_SECURED) && isAlert(encrypted)) {
                next.messageSent(session, request);
                next.exceptionCaught(session, new SSLHandshakeException("the handshake failed; alert sent"));
                return;
            }
        }
        next.messageSent(session, request);
    }

    /** True if the record is an alert in the clear, as an alert before encryption begins is. */
    private static boolean isAlert(WriteRequest request) {
        // the original buffer: the write went out through a duplicate, so this one still starts at the record
        return request.getOriginalMessage() instanceof IoBuffer record && record.remaining() > 0
                && record.get(record.position()) == ALERT_RECORD;
    }

    /** Writes the held lines: through the TLS filter, which sends them once the handshake is done, or as they are. */
    private static void release(IoSession session, List<WriteRequest> held, boolean throughTls) throws Exception {
        if (held.isEmpty()) {
            return;
        }
        IoFilterChain.Entry entry = session.getFilterChain().getEntry(throughTls ? TlsSession.TLS_FILTER : NAME);
        for (WriteRequest request : held) {
            if (throughTls) {
                entry.getFilter().filterWrite(entry.getNextFilter(), session, request);
            } else {
                entry.getNextFilter().filterWrite(session, request);
            }
        }
    }
}
