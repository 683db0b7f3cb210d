package io.helo.server.session;

import java.net.InetAddress;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * What the server keeps per session. Its monitor orders the session's writes: every reply and every line the
 * server sends on its own (idle, shutdown) is written while holding it, so nothing overtakes a reply and nothing
 * follows a session's last line.
 */
final class SessionState {
    private static final AttributeKey KEY = new AttributeKey(SessionState.class, "state");

    final Conversation conversation;
    final String peer;
    final InetAddress address;
    final long openedNanos;
    /** A proxy's own connection, such as a health check: its lines are logged at DEBUG. */
    final boolean quiet;
    volatile long lastRequestNanos;
    volatile long lingeringSinceNanos;
    /** Guarded by this: admitted sessions are counted by the limits until they close. */
    boolean admitted;

    SessionState(Conversation conversation, String peer, InetAddress address, boolean quiet) {
        this.conversation = conversation;
        this.peer = peer;
        this.address = address;
        this.quiet = quiet;
        this.openedNanos = System.nanoTime();
        this.lastRequestNanos = openedNanos;
    }

    /** Keeps this as the state of {@code session}. */
    void attachTo(IoSession session) {
        session.setAttribute(KEY, this);
    }

    /** The state of {@code session}, or null for a session the handler never set up. */
    static SessionState of(IoSession session) {
        return (SessionState) session.getAttribute(KEY);
    }
}
