package io.helo.server.session;

import io.helo.codec.mina.QuietLineEndFilter;
import io.helo.server.ops.FatalErrors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.mina.core.session.IoSession;

/**
 * Watches a session whose last read left a line without line end, and hands that line on once the peer has been
 * silent for the quiet period (PROTOCOL.md 2.1). One timer task per such session at most; none when the period is 0.
 */
final class QuietPeriod {
    private final ScheduledExecutorService timer;
    private final long quietNanos;
    private final BiConsumer<IoSession, SessionState> onSilence;

    QuietPeriod(ScheduledExecutorService timer, long quietNanos, BiConsumer<IoSession, SessionState> onSilence) {
        this.timer = timer;
        this.quietNanos = quietNanos;
        this.onSilence = onSilence;
    }

    /** After a read that left a line without its line end: starts (or restarts) the wait for silence. */
    void watch(IoSession session, SessionState state) {
        if (quietNanos == 0 || !state.framer.hasPartialLine() || state.conversation.ended()) {
            return;
        }
        state.lastOctetsNanos = System.nanoTime();
        if (state.silenceCheck == null) {
            checkIn(session, state, quietNanos);
        }
    }

    private void checkIn(IoSession session, SessionState state, long nanos) {
        state.silenceCheck = timer.schedule(FatalErrors.guard(() -> {
            synchronized (state) {
                check(session, state);
            }
        }), nanos, TimeUnit.NANOSECONDS);
    }

    /** Silence is the peer's: not while the server does not read it, nor while its octets wait in the socket. */
    private void check(IoSession session, SessionState state) {
        state.silenceCheck = null;
        if (state.conversation.ended() || !state.framer.hasPartialLine() || session.isClosing()) {
            return;
        }
        long silentFor = System.nanoTime() - state.lastOctetsNanos;
        if (state.paused || state.heldLength() > 0 || QuietLineEndFilter.hasUnreadInput(session)) {
            checkIn(session, state, quietNanos);
        } else if (silentFor < quietNanos) {
            checkIn(session, state, quietNanos - silentFor);
        } else {
            onSilence.accept(session, state);
        }
    }
}
