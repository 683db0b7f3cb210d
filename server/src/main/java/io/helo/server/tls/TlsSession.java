package io.helo.server.tls;

import io.helo.codec.ErrorReason;
import io.helo.server.session.EndReason;
import io.helo.server.session.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.filterchain.IoFilterLifeCycleException;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * One connection at a TLS port: whether its client turned out to speak TLS, the lines written before it said, and
 * how such a connection ends. Made with the connection's {@link TlsGate}; it is the connection's {@link Transport}.
 */
public final class TlsSession implements Transport {
    /**
     * What one unsent write of a TLS session holds beyond its octets: MINA's TLS filter encrypts each reply into a
     * buffer of whole TLS packets (16 KiB and a little more each), one more than the reply fills, however short it
     * is, and MINA counts only the encrypted octets.
     */
    static final long TLS_WRITE_HOLDS = 17 * 1024;
    /** MINA's TLS filter's name in the chain, once the client began a handshake. */
    static final String TLS_FILTER = "tls";

    /** What the client's first octet said. */
    enum Mode { UNDECIDED, ENCRYPTED, PLAINTEXT }

    private final ScheduledExecutorService timer;
    private final long silenceMillis;
    private final long handshakeTimeoutMillis;
    private volatile Mode mode = Mode.UNDECIDED;
    /** Lines written before the client's first octet said whether it speaks TLS; guarded by this. */
    private List<WriteRequest> held;
    /** What closes the connection once the close_notify alert is sent; guarded by this. */
    private Runnable afterAlert;

    TlsSession(ScheduledExecutorService timer, long silenceMillis, long handshakeTimeoutMillis) {
        this.timer = timer;
        this.silenceMillis = silenceMillis;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /** True until the client's first octet arrived. */
    boolean isUndecided() {
        return mode == Mode.UNDECIDED;
    }

    /**
     * Keeps a line written before the client spoke, unless it has spoken: it goes inside TLS if the client begins a
     * handshake, as it is if not. A client that stays silent is closed after the wait, without the line: there is
     * no telling which protocol would understand it. True if the line was kept.
     */
    boolean hold(IoSession session, WriteRequest request) {
        boolean first;
        synchronized (this) {
            if (mode != Mode.UNDECIDED) {
                return false;
            }
            first = held == null;
            if (first) {
                held = new ArrayList<>();
            }
            held.add(request);
        }
        if (first) {
            try {
                timer.schedule(() -> {
                    if (isUndecided()) {
                        session.closeNow();
                    }
                }, silenceMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                session.closeNow(); // the server is closing what is left after its drain
            }
        }
        return true;
    }

    /** Records what the client's first octet said; returns the lines held until then, to be written now. */
    synchronized List<WriteRequest> decide(Mode decided) {
        mode = decided;
        List<WriteRequest> released = held == null ? List.of() : held;
        held = null;
        return released;
    }

    /** Whether the client began a TLS handshake that has not completed. */
    private boolean isHandshaking(IoSession session) {
        return mode == Mode.ENCRYPTED && !session.containsAttribute(SslFilter.SSL_SECURED)
                && session.getFilterChain().get(TLS_FILTER) != null; // removed: the session is ending, not beginning
    }

    /** Runs what closes the connection after the close_notify alert, if that is what was just sent. */
    boolean runAfterAlert() {
        Runnable then;
        synchronized (this) {
            then = afterAlert;
            afterAlert = null;
        }
        if (then == null) {
            return false;
        }
        then.run(); // not under this lock: it takes the connection's, which writes take before this one
        return true;
    }

    @Override
    public boolean writesAsIs() {
        return false;
    }

    /** MINA's count of unsent octets, and a TLS packet more per unsent write: a client that reads nothing pauses. */
    @Override
    public long unsent(IoSession session) {
        return holds(session.getScheduledWriteBytes(), session.getScheduledWriteMessages());
    }

    /** Each write holds a TLS packet more than its octets. */
    @Override
    public long holds(long octets, int writes) {
        return octets + writes * TLS_WRITE_HOLDS;
    }

    /** A client that began in plaintext is answered so, in plaintext: no TLS filter was added. */
    @Override
    public ErrorReason refusal(IoSession session) {
        return mode == Mode.PLAINTEXT ? ErrorReason.TLS_REQUIRED : null;
    }

    /** Nothing can be said to a client stuck in its handshake: a line waits for it, and so would the idle timeout. */
    @Override
    public boolean tooLateToBegin(IoSession session, long nowMillis) {
        return nowMillis - session.getCreationTime() > handshakeTimeoutMillis && isHandshaking(session);
    }

    /**
     * Ends TLS, as TLS asks (RFC 8446 section 6.1), before the connection closes: MINA's filter sends the close_notify
     * alert as it is removed, and the connection must not close before the alert is on its way.
     */
    @Override
    public boolean endAfterLastLine(IoSession session, Runnable thenClose) {
        IoFilterChain chain = session.getFilterChain();
        if (chain.get(TLS_FILTER) == null) {
            return false; // no TLS, or no longer
        }
        synchronized (this) {
            afterAlert = thenClose;
        }
        try {
            chain.remove(TLS_FILTER);
        } catch (IoFilterLifeCycleException e) {
            synchronized (this) {
                afterAlert = null;
            }
            return false; // the connection failed meanwhile
        }
        if (session.getScheduledWriteMessages() == 0) {
            runAfterAlert(); // the engine had already closed: no alert queued
        }
        return true;
    }

    /** After a TLS error, its alert, which says why, may still be queued; the write timeout bounds the wait. */
    @Override
    public void cut(IoSession session, EndReason reason) {
        if (reason == EndReason.TLS_ERROR) {
            session.closeOnFlush();
        } else {
            session.closeNow();
        }
    }
}
