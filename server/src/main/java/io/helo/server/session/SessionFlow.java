package io.helo.server.session;

import io.helo.codec.ErrorReason;
import io.helo.codec.ForeignProtocol;
import io.helo.codec.LineEnd;
import io.helo.server.ops.Counters;
import io.helo.server.transport.FlowControl;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;

/**
 * Moves a session's octets: each read is answered in passes of at most {@code --max-read} octets of replies, each
 * pass written as one buffer. What a pass did not reach is held (as octets, counted in the server's budget) and
 * the session's reading is suspended; the next pass runs when a write has been sent and the flow control allows.
 * A line left without line end is answered after the quiet period of silence (PROTOCOL.md 2.1), or at the end of
 * the stream. Every method is called with the session's state locked.
 */
final class SessionFlow {
    private final Counters counters;
    private final FlowControl flow;
    private final LingeringClose lingeringClose;
    private final int budget;
    private final QuietPeriod quietPeriod;
    private final DirectWrite directWrite;

    SessionFlow(Counters counters, FlowControl flow, LingeringClose lingeringClose, int budget,
            ScheduledExecutorService timer, long quietNanos, DirectWrite directWrite) {
        this.directWrite = directWrite;
        this.budget = budget;
        this.quietPeriod = new QuietPeriod(timer, quietNanos, this::answerAfterSilence);
        this.counters = counters;
        this.flow = flow;
        this.lingeringClose = lingeringClose;
    }

    /** Octets arrived: answers them, or holds them behind what is already held. */
    void received(IoSession session, SessionState state, IoBuffer in) {
        byte[] bytes;
        int from;
        if (in.hasArray()) {
            bytes = in.array();
            from = in.arrayOffset() + in.position();
        } else {
            bytes = new byte[in.remaining()]; // a direct buffer: answered from a copy
            in.buf().duplicate().get(bytes);
            from = 0;
        }
        int to = from + in.remaining();
        if (state.conversation.ended()) {
            lingeringClose.discarded(session, state, to - from);
            return;
        }
        if (state.fresh) {
            state.fresh = false;
            ErrorReason refusal = state.transport.refusal(session);
            if (refusal != null) {
                closeWith(session, state, refusal);
                return;
            }
            if (ForeignProtocol.ofFirstOctets(bytes, from, to) != null) {
                closeWith(session, state, ErrorReason.WRONG_PROTOCOL);
                return;
            }
        }
        if (state.heldLength() > 0 || !flow.mayGoOn(state.transport.unsent(session))) {
            account(state, state.hold(bytes, from, to));
            state.pauseReading(session);
            return;
        }
        pass(session, state, bytes, from, to, false, in.limit() < in.capacity());
        quietPeriod.watch(session, state);
    }

    /** A write was sent: answers held octets or reads again, as the flow control allows. */
    void sent(IoSession session, SessionState state) {
        if (!state.paused || state.conversation.ended() || !flow.mayResume(state.transport.unsent(session))) {
            return;
        }
        if (state.heldLength() > 0) {
            passOverHeld(session, state);
            quietPeriod.watch(session, state);
            if (state.heldLength() > 0 || state.conversation.ended()
                    || !flow.mayGoOn(state.transport.unsent(session))) {
                return; // still paused
            }
        }
        state.resumeReading(session);
    }

    /** The peer has been silent for the quiet period after a line without line end: answers that line. */
    private void answerAfterSilence(IoSession session, SessionState state) {
        Pass pass = Pass.start(budget);
        pass.answerLast(state, LineEnd.SILENCE);
        finish(session, state, pass, false);
    }

    /** The client ended its stream: answers a last line left without line end, then closes once all is sent. */
    void inputClosed(IoSession session, SessionState state) {
        while (state.heldLength() > 0 && !state.conversation.ended()) {
            passOverHeld(session, state); // read before the end of the stream: answered first
        }
        if (!state.conversation.ended()) {
            Pass pass = Pass.start(budget);
            pass.answerLast(state, LineEnd.END_OF_STREAM);
            finish(session, state, pass, true);
        }
        session.closeOnFlush();
    }

    /** Answers every held request, then sends the closing line for {@code reason}, unless the session ended. */
    void closeWith(IoSession session, SessionState state, ErrorReason reason) {
        while (state.heldLength() > 0 && !state.conversation.ended()) {
            passOverHeld(session, state); // received before the closing line: answered, as PROTOCOL.md promises
        }
        if (!state.conversation.ended()) {
            Pass pass = Pass.start(budget);
            state.conversation.close(reason, pass.out);
            write(session, state, pass, false);
        }
    }

    /** The session closed: what it held no longer counts. */
    void closed(SessionState state) {
        state.dropHeld();
        account(state, -state.heldAccounted);
    }

    private void passOverHeld(IoSession session, SessionState state) {
        int from = state.heldFrom();
        pass(session, state, state.heldArray(), from, from + state.heldLength(), true, false);
    }

    private void pass(IoSession session, SessionState state, byte[] bytes, int from, int to, boolean held,
            boolean shortRead) {
        Pass pass = Pass.start(budget);
        int end = pass.answer(state, bytes, from, to);
        if (held) {
            account(state, -state.consumeHeldTo(end));
        }
        if (state.conversation.ended()) {
            account(state, -state.dropHeld());
            state.discarded += held ? 0 : to - end; // sent after the last line: lingering has begun
        } else if (!held && end < to) {
            account(state, state.hold(bytes, end, to));
        }
        finish(session, state, pass, end == to && shortRead);
        if (!state.conversation.ended()
                && (state.heldLength() > 0 || !flow.mayGoOn(state.transport.unsent(session)))) {
            state.pauseReading(session);
        }
    }

    /** Counts and writes what a pass answered; {@code drained}: nothing was waiting after its last line. */
    private void finish(IoSession session, SessionState state, Pass pass, boolean drained) {
        if (pass.answered(counters)) {
            state.lastRequestMillis = session.getLastReadTime(); // MINA has read the clock for that read already
        }
        write(session, state, pass, drained);
    }

    /**
     * Writes a pass's replies: straight to the socket when that is safe (see {@link DirectWrite}), and through MINA's
     * write queue whatever the socket does not take now.
     */
    private void write(IoSession session, SessionState state, Pass pass, boolean drained) {
        int length = pass.out.length();
        if (length == 0) {
            return;
        }
        boolean last = state.conversation.ended();
        state.drainedAtEnd = drained;
        int sent = directWrite.mayWrite(session, state) ? directWrite.write(session, state, pass.out.array(), length) : 0;
        if (sent < 0) {
            return; // the connection failed and is closing
        }
        if (sent == length) {
            if (last) {
                lingeringClose.lastLineWritten(session, true);
            }
            return;
        }
        WriteFuture written = session.write(IoBuffer.wrap(Arrays.copyOfRange(pass.out.array(), sent, length)));
        if (last) {
            written.addListener(lingeringClose);
        }
    }

    /** Counts {@code delta} more octets of requests held by this session in the server's budget. */
    private void account(SessionState state, long delta) {
        state.heldAccounted += delta;
        flow.holdRequests(delta);
    }
}
