package io.helo.server.session;

import io.helo.codec.ErrorReason;
import io.helo.server.ServerConfig;
import org.apache.mina.core.session.IoSession;

/**
 * The server's own session timers, checked by a periodic sweep: a slow trickle of bytes keeps MINA's reader-idle
 * timer quiet, so idleness is judged by whole requests; MINA's write timeout misses a single stuck write; and a
 * lingering close needs an end.
 */
public final class SessionTimers {
    private final SessionHandler handler;
    private final long idleTimeoutNanos;
    private final long lingerTimeoutNanos;
    private final long writeTimeoutMillis;

    /** Timers with the timeouts of {@code config}, closing sessions through {@code handler}. */
    public SessionTimers(ServerConfig config, SessionHandler handler) {
        this.handler = handler;
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.lingerTimeoutNanos = config.lingerTimeout().toNanos();
        this.writeTimeoutMillis = config.writeTimeout().toMillis();
    }

    /**
     * Closes {@code session} for good once it has lingered after its last line for longer than the linger
     * timeout; cuts it if it has unsent replies and took none of them within the write timeout; and closes it
     * with an idle-timeout line if it sent no complete request for too long.
     */
    public void enforce(IoSession session, long nowNanos, long nowMillis) {
        SessionState state = SessionState.of(session);
        if (state == null) {
            return;
        }
        long lingeringSince = state.lingeringSinceNanos;
        if (lingeringSince != 0) {
            if (nowNanos - lingeringSince > lingerTimeoutNanos) {
                session.closeNow();
            }
        } else if (session.getScheduledWriteBytes() > 0 && nowMillis - session.getLastWriteTime() > writeTimeoutMillis) {
            // MINA's own write timeout only fires while a second write is queued behind the stuck one, which
            // batched replies and a paused read never produce
            synchronized (state) {
                state.conversation.end(EndReason.WRITE_TIMEOUT);
            }
            SessionLog.debug("{} takes no replies: closing", state.peer);
            session.closeNow();
        } else if (nowNanos - state.lastRequestNanos > idleTimeoutNanos) {
            handler.closeWith(session, ErrorReason.IDLE_TIMEOUT);
        }
    }
}
