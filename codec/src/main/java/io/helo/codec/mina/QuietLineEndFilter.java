package io.helo.codec.mina;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * Ends a line that stopped short of its line end when nothing more arrives for a quiet period: many peers
 * written from the assignment's text send {@code HELO host} or reply {@code See ya later} without any line end
 * and then wait. Place it before the codec; after the quiet period it hands the codec an LF, so that the waiting
 * octets are framed exactly as if the peer had sent one (PROTOCOL.md section 2.1).
 *
 * <p>Silence means silence of the peer: not while reading is paused for backpressure, nor while bytes wait in
 * the socket for a busy I/O thread. The end of the peer's stream also ends such a line. The risk, documented in
 * PROTOCOL.md: a peer that pauses inside a line for longer than the quiet period has
 * its line cut in two. A quiet period of zero turns the quiet rule off; the end of the stream still ends a line.
 */
public final class QuietLineEndFilter extends IoFilterAdapter {
    private static final AttributeKey STATE = new AttributeKey(QuietLineEndFilter.class, "state");
    private static final byte[] LF = {'\n'};

    private final long quietNanos;
    private final ScheduledExecutorService timer;

    /**
     * A filter that ends a line after {@code quiet} without bytes (zero: never), using {@code timer} to wait.
     *
     * @param quiet the quiet period; zero turns the quiet rule off
     * @param timer runs the check for silence after the quiet period
     */
    public QuietLineEndFilter(Duration quiet, ScheduledExecutorService timer) {
        this.quietNanos = quiet.toNanos();
        this.timer = timer;
    }

    /** Per session; its monitor keeps a read and a line end added by the timer from running at once. */
    private static final class State {
        boolean partial;
        long lastReadNanos;
        ScheduledFuture<?> check;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (!(message instanceof IoBuffer)) {
            next.messageReceived(session, message);
            return;
        }
        IoBuffer in = (IoBuffer) message;
        State state = state(session);
        synchronized (state) {
            if (in.hasRemaining()) {
                state.partial = in.get(in.limit() - 1) != '\n';
                if (state.partial) {
                    state.lastReadNanos = System.nanoTime(); // only a line left unfinished needs the time
                }
            }
            next.messageReceived(session, message);
            if (state.partial && state.check == null && quietNanos > 0) {
                schedule(session, state, quietNanos);
            }
        }
    }

    /** The peer's end of stream ends a line it left unfinished, quiet period or not: it can never send the rest. */
    @Override
    public void inputClosed(NextFilter next, IoSession session) throws Exception {
        State state = state(session);
        synchronized (state) {
            if (state.partial) {
                state.partial = false;
                next.messageReceived(session, IoBuffer.wrap(LF));
            }
        }
        next.inputClosed(session);
    }

    private void schedule(IoSession session, State state, long delayNanos) {
        state.check = timer.schedule(() -> endLineIfQuiet(session, state), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void endLineIfQuiet(IoSession session, State state) {
        synchronized (state) {
            state.check = null;
            if (!state.partial || session.isClosing()) {
                return;
            }
            if (session.isReadSuspended() || hasUnreadInput(session)) {
                // the peer is not silent, we are not reading (backpressure) or have not caught up yet
                schedule(session, state, quietNanos);
                return;
            }
            long quietFor = System.nanoTime() - state.lastReadNanos;
            if (quietFor < quietNanos) {
                schedule(session, state, quietNanos - quietFor); // bytes came meanwhile: wait the rest
                return;
            }
            state.partial = false;
            IoFilter.NextFilter next = session.getFilterChain().getEntry(this).getNextFilter();
            next.messageReceived(session, IoBuffer.wrap(LF));
        }
    }

    /**
     * True if the peer's octets wait in the socket of {@code session}, not yet read: the peer is not silent.
     *
     * @param session the session whose socket to look at
     * @return true if octets are waiting to be read; false also for a closed socket or a session that is not on NIO
     *     TCP
     */
    public static boolean hasUnreadInput(IoSession session) {
        if (session instanceof NioSession && ((NioSession) session).getChannel() instanceof SocketChannel) {
            try {
                return ((SocketChannel) ((NioSession) session).getChannel()).socket().getInputStream().available() > 0;
            } catch (IOException closed) {
                return false;
            }
        }
        return false;
    }

    private static State state(IoSession session) {
        State state = (State) session.getAttribute(STATE);
        if (state == null) {
            state = new State();
            session.setAttribute(STATE, state);
        }
        return state;
    }
}
