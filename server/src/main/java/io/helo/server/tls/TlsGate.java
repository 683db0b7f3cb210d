package io.helo.server.tls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.filterchain.IoFilterLifeCycleException;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.ssl.EncryptedWriteRequest;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * The first filter of a session at a TLS port (after a trusted proxy's header): if the client's first octet opens
 * a TLS handshake record, puts the current certificate's TLS filter behind itself, so that everything after is
 * encrypted; otherwise marks the session plaintext, and the session's flow answers it {@code ERR tls-required}, in
 * plaintext, and closes. The filter is added only once the client has spoken, so a reload between the connection and
 * the handshake still serves the new certificate.
 */
public final class TlsGate extends IoFilterAdapter {
    /** This filter's name in a session's chain. */
    public static final String NAME = "tls-gate";
    private static final String TLS_FILTER = "tls";
    private static final AttributeKey MODE = new AttributeKey(TlsGate.class, "mode");
    private static final AttributeKey AFTER_ALERT = new AttributeKey(TlsGate.class, "afterAlert");
    private static final AttributeKey HELD = new AttributeKey(TlsGate.class, "held");
    /** TLS record type 22, handshake: a ClientHello begins with it (RFC 8446 section 5.1). */
    private static final byte HANDSHAKE_RECORD = 0x16;
    /** TLS record type 21, alert. */
    private static final byte ALERT_RECORD = 0x15;

    private enum Mode { UNDECIDED, ENCRYPTED, PLAINTEXT }

    private final TlsCertificates certificates;
    private final ScheduledExecutorService timer;
    private final long waitMillis;

    /** Lines written before the client's first octet said whether it speaks TLS. */
    private static final class Held {
        final List<WriteRequest> writes = new ArrayList<>();
    }

    /**
     * A gate that serves the certificate {@code certificates} holds when a session begins its handshake.
     *
     * @param certificates the server's certificate, reloaded as its files change
     * @param timer closes a session that says nothing after a line was written to it
     * @param wait how long such a session may stay silent: the linger timeout
     */
    public TlsGate(TlsCertificates certificates, ScheduledExecutorService timer, Duration wait) {
        this.certificates = certificates;
        this.timer = timer;
        this.waitMillis = Math.max(1, wait.toMillis());
    }

    /**
     * Holds a line written before the client spoke (ERR busy at once, ERR shutting-down, ERR idle-timeout): it goes
     * inside TLS if the client begins a handshake, as it is, if not. A client that stays silent is closed after the
     * linger timeout, without the line: there is no telling which protocol would understand it.
     */
    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (session.getAttribute(MODE) != Mode.UNDECIDED) {
            next.filterWrite(session, request);
            return;
        }
        Held held = (Held) session.getAttribute(HELD);
        if (held == null) {
            held = new Held();
            session.setAttribute(HELD, held);
            try {
                timer.schedule(() -> {
                    if (session.getAttribute(MODE) == Mode.UNDECIDED) {
                        session.closeNow();
                    }
                }, waitMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                session.closeNow(); // the server is closing what is left after its drain
            }
        }
        held.writes.add(request);
    }

    /** Whether the session speaks TLS: true once a TLS client's handshake began. */
    private static boolean isEncrypted(IoSession session) {
        return session.getAttribute(MODE) == Mode.ENCRYPTED;
    }

    /**
     * Whether the session came to a TLS port: known from its creation on, before its client spoke.
     *
     * @param session any session
     * @return true at a TLS port, whatever the client turns out to speak
     */
    public static boolean isAtTlsPort(IoSession session) {
        return session.containsAttribute(MODE);
    }

    /**
     * Whether the session began a TLS handshake that has not completed.
     *
     * @param session any session
     * @return true while a TLS client's handshake goes on
     */
    public static boolean isHandshaking(IoSession session) {
        return isEncrypted(session) && !session.containsAttribute(SslFilter.SSL_SECURED)
                && session.getFilterChain().get(TLS_FILTER) != null; // removed: the session is ending, not beginning
    }

    /**
     * Whether the session came to a TLS port and began with something other than a TLS handshake.
     *
     * @param session any session
     * @return true for a plaintext client at a TLS port
     */
    public static boolean isPlaintextAtTlsPort(IoSession session) {
        return session.getAttribute(MODE) == Mode.PLAINTEXT;
    }

    /**
     * Ends TLS on a session whose last line was written, as TLS asks (RFC 8446 section 6.1), then runs {@code then}:
     * MINA's filter sends the close_notify alert as it is removed, and the connection must not close before the
     * alert is on its way.
     *
     * @param session a session whose last line was written
     * @param then what closes the connection, run once the alert is sent (or at once if there is none to send)
     * @return false if the session has no TLS, or no longer: {@code then} was not run
     */
    public static boolean closeNotify(IoSession session, Runnable then) {
        IoFilterChain chain = session.getFilterChain();
        if (chain.get(TLS_FILTER) == null) {
            return false;
        }
        session.setAttribute(AFTER_ALERT, then);
        try {
            chain.remove(TLS_FILTER);
        } catch (IoFilterLifeCycleException e) {
            session.removeAttribute(AFTER_ALERT);
            return false; // the connection failed meanwhile
        }
        if (session.getScheduledWriteMessages() == 0) {
            runAfterAlert(session); // the engine had already closed: no alert queued
        }
        return true;
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (request instanceof EncryptedWriteRequest encrypted && encrypted.getOriginalRequest() == encrypted) {
            // a record of TLS's own: after the TLS filter was removed, the close_notify alert
            if (runAfterAlert(session)) {
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
    private static void release(IoSession session, boolean throughTls) throws Exception {
        Held held = (Held) session.removeAttribute(HELD);
        if (held == null) {
            return;
        }
        IoFilterChain.Entry entry = session.getFilterChain().getEntry(throughTls ? TLS_FILTER : NAME);
        for (WriteRequest request : held.writes) {
            if (throughTls) {
                entry.getFilter().filterWrite(entry.getNextFilter(), session, request);
            } else {
                entry.getNextFilter().filterWrite(session, request);
            }
        }
    }

    private static boolean runAfterAlert(IoSession session) {
        Runnable then = (Runnable) session.removeAttribute(AFTER_ALERT);
        if (then == null) {
            return false;
        }
        then.run();
        return true;
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        session.setAttribute(MODE, Mode.UNDECIDED);
        next.sessionCreated(session);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (session.getAttribute(MODE) == Mode.UNDECIDED) {
            IoBuffer in = (IoBuffer) message;
            if (in.hasRemaining() && in.get(in.position()) == HANDSHAKE_RECORD) {
                session.setAttribute(MODE, Mode.ENCRYPTED);
                session.getFilterChain().addAfter(NAME, TLS_FILTER, certificates.filter()); // next is now TLS
                release(session, true);
            } else if (in.hasRemaining()) {
                session.setAttribute(MODE, Mode.PLAINTEXT);
                release(session, false);
            }
        }
        next.messageReceived(session, message);
    }
}
