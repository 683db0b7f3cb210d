package io.helo.server.session;

import io.helo.codec.ErrorReason;
import io.helo.codec.ForeignProtocol;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.mina.QuietLineEndFilter;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;

/**
 * One connection's requests on their way to their replies. Each read is answered in batches of at most {@code
 * --max-read} octets of replies, each written as one buffer. What a batch did not reach is held in the {@link
 * Backlog} and reading is suspended; the next batch runs when a write has been sent and the flow control allows. A
 * line left without line end is answered after the quiet period of silence ({@link SilenceWatch}), or at the end of
 * the stream. Used under the connection's lock.
 */
final class Input {
    private final Connection connection;
    private final IoSession session;
    private final SessionContext context;
    private final Transport transport;
    private final Conversation conversation;
    private final LineFramer framer;
    private final Backlog backlog;
    /** Made when a line first waits for its line end: most connections never need one. */
    private SilenceWatch silence;
    /** When the last complete request was read, in MINA's milliseconds. */
    private volatile long lastRequestMillis = System.currentTimeMillis();
    /** Nothing was read yet: the first octets are checked for another protocol. */
    private boolean fresh = true;

    Input(Connection connection, IoSession session, Transport transport, Conversation conversation) {
        this.connection = connection;
        this.session = session;
        this.context = connection.context();
        this.transport = transport;
        this.conversation = conversation;
        this.framer = context.framer();
        this.backlog = new Backlog(session, context.flow());
    }

    /** Octets arrived: answers them, or holds them behind what is already held. */
    void received(IoBuffer in) {
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
        if (conversation.ended()) {
            connection.discarded(to - from);
            return;
        }
        if (fresh) {
            fresh = false;
            ErrorReason refusal = transport.refusal(session);
            if (refusal == null && ForeignProtocol.ofFirstOctets(bytes, from, to) != null) {
                refusal = ErrorReason.WRONG_PROTOCOL;
            }
            if (refusal != null) {
                connection.endWith(refusal);
                return;
            }
        }
        if (backlog.length() > 0 || !mayGoOn()) {
            backlog.hold(bytes, from, to);
            backlog.pause();
            return;
        }
        answer(bytes, from, to, false, in.limit() < in.capacity());
        watchSilence();
    }

    /** A write was sent: answers held octets or reads again, as the flow control allows. */
    void sent() {
        if (!backlog.isPaused() || conversation.ended() || !context.flow().mayResume(connection.unsentDecided())) {
            return;
        }
        if (backlog.length() > 0) {
            answerHeld();
            watchSilence();
            if (backlog.length() > 0 || conversation.ended() || !mayGoOn()) {
                return; // still paused
            }
        }
        backlog.resume();
    }

    /** The quiet period's check is due: answers a line left without line end if the peer has been silent. */
    void silenceDue() {
        synchronized (connection) {
            boolean waiting = lineWaiting() && !session.isClosing();
            // silence is the peer's: not while the server does not read it, nor while its octets wait in the socket
            if (silence.silentNow(waiting, waiting && (backlog.isPaused() || backlog.length() > 0
                    || QuietLineEndFilter.hasUnreadInput(session)))) {
                answerLast(LineEnd.SILENCE);
            }
        }
        connection.flush(); // the timer's thread writes the replies, without the lock
    }

    /** Answers a line left without line end: the peer went silent, or ended its stream. */
    void answerLast(LineEnd end) {
        if (!conversation.ended()) {
            ReplyBatch batch = batch();
            batch.answerLast(end);
            finish(batch, end == LineEnd.END_OF_STREAM);
        }
    }

    /** Answers every request held, unless the conversation ends first. */
    void answerEveryHeld() {
        while (backlog.length() > 0 && !conversation.ended()) {
            answerHeld();
        }
    }

    /** True if no request is held for a next batch. */
    boolean nothingHeld() {
        return backlog.length() == 0;
    }

    /** When the last complete request was read, in MINA's milliseconds. */
    long lastRequestMillis() {
        return lastRequestMillis;
    }

    /** Resumes reading, e.g. so that the client's close is seen while lingering. */
    void resume() {
        backlog.resume();
    }

    /** The session closed: what it held no longer counts. */
    void release() {
        backlog.release();
    }

    /** The calling thread's batch, emptied for this connection's replies. */
    ReplyBatch batch() {
        return context.batch().begin(conversation, framer, connection);
    }

    /** After a read or a batch: if a line waits for its line end, starts (or restarts) the wait for silence. */
    private void watchSilence() {
        if (context.quietNanos() == 0 || !lineWaiting()) {
            return;
        }
        if (silence == null) {
            silence = new SilenceWatch(this, context.timer(), context.quietNanos());
        }
        silence.watch();
    }

    private boolean mayGoOn() {
        return context.flow().mayGoOn(connection.unsentDecided());
    }

    private boolean lineWaiting() {
        return framer.hasPartialLine() && !conversation.ended();
    }

    private void answerHeld() {
        int from = backlog.from();
        answer(backlog.array(), from, from + backlog.length(), true, false);
    }

    private void answer(byte[] bytes, int from, int to, boolean held, boolean shortRead) {
        ReplyBatch batch = batch();
        int end = batch.answer(bytes, from, to);
        if (held) {
            backlog.consumeTo(end);
        }
        if (conversation.ended()) {
            backlog.drop();
            connection.sentAfterLastLine(held ? 0 : to - end);
        } else if (!held && end < to) {
            backlog.hold(bytes, end, to);
        }
        finish(batch, end == to && shortRead);
        if (!conversation.ended() && (backlog.length() > 0 || !mayGoOn())) {
            backlog.pause();
        }
    }

    /** Counts and writes what a batch answered; {@code drained}: nothing was waiting after its last line. */
    private void finish(ReplyBatch batch, boolean drained) {
        if (batch.countInto(context.counters())) {
            lastRequestMillis = session.getLastReadTime(); // MINA has read the clock for that read already
        }
        connection.write(batch, drained);
    }
}
