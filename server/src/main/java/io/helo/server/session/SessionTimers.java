package io.helo.server.session;

import io.helo.codec.ErrorReason;
import io.helo.server.ServerConfig;
import org.apache.mina.core.session.IoSession;

/**
 * The timers a periodic sweep checks on every session: a TLS handshake that does not complete; a slow trickle of
 * octets keeps MINA's reader-idle timer quiet, so idleness is judged by whole requests; and MINA's write timeout
 * misses a single stuck write. (The lingering close and the quiet period time themselves.)
 */
public final class SessionTimers {
    private final SessionHandler handler;
    private final long idleTimeoutMillis;
    private final long writeTimeoutMillis;

    /**
     * Timers with the timeouts of {@code config}, closing sessions through {@code handler}.
     *
     * @param config gives the idle and write timeouts
     * @param handler closes the sessions that idled too long
     */
    public SessionTimers(ServerConfig config, SessionHandler handler) {
        this.handler = handler;
        this.idleTimeoutMillis = config.idleTimeout().toMillis();
        this.writeTimeoutMillis = config.writeTimeout().toMillis();
    }

    /**
     * Cuts {@code session} if it has unsent replies and took none of them within the write timeout, and closes it
     * with an idle-timeout line if it sent no complete request for too long. {@code nowMillis} is the wall clock,
     * as MINA's read and write times are.
     *
     * @param session the session to check
     * @param nowMillis the current time, in milliseconds since the epoch
     */
    public void enforce(IoSession session, long nowMillis) {
        SessionState state = SessionState.of(session);
        if (state == null || state.lingeringSinceNanos != 0) {
            return;
        }
        if (state.transport.tooLateToBegin(session, nowMillis)) {
            // nothing can be said to it: a line waits for the handshake, and so would the idle timeout's
            synchronized (state) {
                state.conversation.end(EndReason.TLS_HANDSHAKE_TIMEOUT);
            }
            SessionLog.debug("{} did not complete the TLS handshake in time: closing", state.peer());
            session.closeNow();
        } else if (session.getScheduledWriteBytes() > 0 && nowMillis - session.getLastWriteTime() > writeTimeoutMillis) {
            synchronized (state) {
                state.conversation.end(EndReason.WRITE_TIMEOUT);
            }
            SessionLog.debug("{} takes no replies: closing", state.peer());
            session.closeNow();
        } else if (nowMillis - state.lastRequestMillis > idleTimeoutMillis) {
            handler.closeWith(session, ErrorReason.IDLE_TIMEOUT);
        }
    }
}
