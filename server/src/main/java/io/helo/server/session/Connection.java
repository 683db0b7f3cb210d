package io.helo.server.session;

import io.helo.codec.ErrorReason;
import io.helo.codec.LineEnd;
import io.helo.codec.SocketAddresses;
import io.helo.server.admission.Refusal;
import io.helo.server.proxy.ClientAddress;
import io.helo.server.transport.AcceptGate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * One client's connection: made with its MINA session, kept as the session's only attribute, the owner of all its
 * state. Its methods are the session's events. Its monitor orders the session's work: every batch of replies, every
 * write and every line the server sends on its own (idle, shutdown) is decided while holding it, so nothing overtakes
 * a reply and nothing follows a session's last line. Writes and closes are then done in that order without it
 * ({@link Output#flush()}): MINA's TLS filter takes a lock of its own for each write and calls back into the
 * connection while holding it, so holding this one across a call into MINA's filter chain could deadlock. Its
 * requests go through its {@link Input}, its replies through its {@link Output}; its {@link Transport} says what its
 * port changes.
 */
final class Connection {
    private static final AttributeKey KEY = new AttributeKey(Connection.class, "connection");

    private final IoSession session;
    private final SessionContext context;
    private final Transport transport;
    private final InetSocketAddress client;
    /** A proxy's own connection, such as a health check: its lines are logged at DEBUG. */
    private final boolean quiet;
    private final Conversation conversation;
    private final Input input;
    private final Output output;
    private final long openedNanos = System.nanoTime();
    /** Admitted connections are counted by the limits until they close. */
    private boolean admitted;
    private String peer;

    private Connection(IoSession session, SessionContext context) {
        this.session = session;
        this.context = context;
        this.transport = context.transportOf(session);
        this.client = ClientAddress.of(session);
        this.quiet = ClientAddress.isProxyLocal(session);
        this.conversation = context.conversation(client.getAddress());
        this.input = new Input(this, session, transport, conversation);
        this.output = new Output(this, session, transport, context);
    }

    /** Makes the connection of a new session, and keeps it as the session's attribute. */
    static void open(IoSession session, SessionContext context) {
        session.setAttribute(KEY, new Connection(session, context));
    }

    /** The connection of {@code session}, or null for a session never set up. */
    static Connection of(IoSession session) {
        return (Connection) session.getAttribute(KEY);
    }

    /** The session opened: served, or refused with the reason's line. */
    void opened() {
        // admitted already, and counted, when it was accepted (with the tuned acceptor, at a plaintext port)
        Optional<Refusal> refusal = session.containsAttribute(AcceptGate.ADMITTED) ? Optional.empty()
                : context.admission().admit(client.getAddress(), quiet);
        if (refusal.isPresent()) {
            context.counters().connectionRefused(refusal.get());
            SessionLog.debug("{} refused: {}", this, refusal.get().token());
            closeWith(refusal.get().reply().orElseThrow());
            return;
        }
        synchronized (this) {
            admitted = true;
        }
        context.counters().connectionAccepted();
        SessionLog.debug("{} connected", this);
    }

    /** Octets arrived. */
    void received(IoBuffer in) {
        boolean flush;
        synchronized (this) {
            input.received(in);
            flush = output.claim();
        }
        if (flush) {
            output.flushClaimed();
        }
    }

    /** A write was sent. */
    void sent() {
        boolean flush;
        synchronized (this) {
            input.sent();
            flush = output.claim();
        }
        if (flush) {
            output.flushClaimed();
        }
    }

    /** The client ended its stream: answers what it sent, then closes once all is sent. */
    void inputClosed() {
        synchronized (this) {
            input.answerEveryHeld(); // read before the end of the stream: answered first
            input.answerLast(LineEnd.END_OF_STREAM);
            output.then(session::closeOnFlush); // once the replies are MINA's: it closes after sending them
        }
        output.flush();
    }

    /** Answers every held request, then sends the closing line for {@code reason}, unless the session ended. */
    void closeWith(ErrorReason reason) {
        synchronized (this) {
            endWith(reason);
        }
        output.flush();
    }

    /** As {@link #closeWith}, under the lock: the line is written by the event's {@link #flush()}. */
    void endWith(ErrorReason reason) {
        input.answerEveryHeld(); // received before the closing line: answered, as PROTOCOL.md promises
        if (!conversation.ended()) {
            ReplyBatch batch = input.batch();
            batch.close(reason);
            write(batch, false);
        }
    }

    /**
     * The periodic check: cuts a client stuck in its TLS handshake, or that took none of its unsent replies within
     * the write timeout, and closes one that sent no complete request for too long. A slow trickle of octets keeps
     * MINA's reader-idle timer quiet, so idleness is judged by whole requests; MINA's own write timeout is off
     * ({@code Listener}), so that this one alone applies {@code --write-timeout}.
     */
    void tick(long nowMillis) {
        if (output.isLingering()) {
            return; // it times itself
        }
        if (transport.tooLateToBegin(session, nowMillis)) {
            cut(EndReason.TLS_HANDSHAKE_TIMEOUT, "{} did not complete the TLS handshake in time: closing");
        } else if (session.getScheduledWriteBytes() > 0
                && nowMillis - session.getLastWriteTime() > context.writeTimeoutMillis()) {
            cut(EndReason.WRITE_TIMEOUT, "{} takes no replies: closing");
        } else if (nowMillis - input.lastRequestMillis() > context.idleTimeoutMillis()) {
            closeWith(ErrorReason.IDLE_TIMEOUT);
        }
    }

    /** Closes at once, without a line: nothing can be said to the client, or it takes nothing. */
    private void cut(EndReason reason, String logFormat) {
        synchronized (this) {
            conversation.end(reason);
        }
        SessionLog.debug(logFormat, this);
        transport.cut(session, reason);
    }

    /** The connection failed: a reset, a TLS error, a fault of the server's. */
    void failed(Throwable cause) {
        EndReason reason = EndReason.ofFailure(cause);
        synchronized (this) {
            conversation.end(reason);
        }
        SessionLog.failed(this, reason, cause);
        transport.cut(session, reason);
    }

    /** The session closed: what it held no longer counts, and its log line says how it went. */
    synchronized void closed() {
        input.release();
        if (admitted) {
            context.admission().release(client.getAddress());
            SessionLog.ended(this, session, context.logRate());
        }
    }

    /** The connection's unsent replies as the heap holds them. */
    long unsent() {
        return transport.unsent(session);
    }

    /** As {@link #unsent}, with the writes decided and not yet handed to MINA (under the lock). */
    long unsentDecided() {
        return output.unsent();
    }

    /** Writes a batch of replies (done by {@link #flush()}, after the lock); a failed socket ends the connection. */
    void write(ReplyBatch batch, boolean drained) {
        try {
            output.write(batch, drained, conversation.ended(), input.nothingHeld());
        } catch (IOException e) {
            conversation.end(EndReason.CONNECTION_ERROR);
            SessionLog.failed(this, EndReason.CONNECTION_ERROR, e);
            output.then(() -> transport.cut(session, EndReason.CONNECTION_ERROR));
        }
    }

    /** Does {@code action} to the session (a close) after the writes decided before it, outside the lock. */
    void then(Runnable action) {
        output.then(action);
    }

    /** Does what was decided under the lock, in order; called without it, at the end of an event. */
    void flush() {
        output.flush();
    }

    /** Octets arrived after the last line: discarded, and past the discard limit the connection is cut. */
    void discarded(int count) {
        output.lingeringClose().discarded(count);
    }

    /** Octets that came with the last line's read, after it: discarded. */
    void sentAfterLastLine(int count) {
        output.lingeringClose().sentAfterLastLine(count);
    }

    /** Resumes reading, so that the client's close is seen while lingering. */
    void resumeReading() {
        input.resume();
    }

    SessionContext context() {
        return context;
    }

    /** What the end-of-session log line says. */
    Conversation conversation() {
        return conversation;
    }

    boolean isQuiet() {
        return quiet;
    }

    long openedNanos() {
        return openedNanos;
    }

    /** The client as log lines name it, {@code 192.0.2.1:50000} or {@code [::1]:50000}; made when first logged. */
    @Override
    public String toString() {
        if (peer == null) {
            peer = SocketAddresses.format(client);
        }
        return peer;
    }
}
