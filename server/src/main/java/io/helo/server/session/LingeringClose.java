package io.helo.server.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * Closes a session whose last line was written, without losing that line. Closing a socket with unread input makes
 * TCP send a reset, and a reset makes the client's system discard what it has not read yet, our last line
 * included. So unless the client is known to have sent nothing more, the server sends FIN, then reads and discards
 * until the client closes, for at most the linger timeout (timed by itself) and the discard limit (in octets).
 */
final class LingeringClose implements IoFutureListener<WriteFuture> {
    private final ScheduledExecutorService timer;
    private final long lingerNanos;
    private final long maxDiscard;

    LingeringClose(ScheduledExecutorService timer, long lingerNanos, long maxDiscard) {
        this.timer = timer;
        this.lingerNanos = lingerNanos;
        this.maxDiscard = maxDiscard;
    }

    @Override
    public void operationComplete(WriteFuture written) {
        lastLineWritten(written.getSession(), written.isWritten());
    }

    /** The session's last line was written (or failed to be): closes it without losing that line. */
    void lastLineWritten(IoSession session, boolean written) {
        SessionState state = SessionState.of(session);
        SocketChannel channel = socketOf(session);
        if (!written || channel == null) {
            session.closeNow();
            return;
        }
        if (state.transport.endAfterLastLine(session, () -> lastLineWritten(session, true))) {
            return; // here again once the alert is on its way, without TLS this time
        }
        synchronized (state) {
            try {
                if (state.conversation.endReason() == EndReason.BYE && state.discarded == 0
                        && (state.drainedAtEnd || nothingUnread(channel))) {
                    // the usual end: the client asked to leave, sent nothing more, and waits for our reply
                    session.closeNow();
                    return;
                }
                channel.shutdownOutput();
            } catch (IOException e) {
                session.closeNow();
                return;
            }
            state.lingeringSinceNanos = System.nanoTime();
            state.resumeReading(session); // the input must be drained for the client's close to be seen
        }
        try {
            timer.schedule(() -> {
                session.closeNow();
            }, lingerNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            session.closeNow(); // the server is closing what is left after its drain: no time to linger
        }
    }

    /** Octets arrived after the session's last line: discarded, and past the discard limit the session is cut. */
    void discarded(IoSession session, SessionState state, int count) {
        state.discarded += count;
        if (state.discarded > maxDiscard) {
            session.closeNow();
        }
    }

    private static SocketChannel socketOf(IoSession session) {
        if (session instanceof NioSession nio && nio.getChannel() instanceof SocketChannel socket) {
            return socket;
        }
        return null;
    }

    /** Reads (and discards, the session being over) what the client sent; true if nothing was waiting. */
    private static boolean nothingUnread(SocketChannel channel) throws IOException {
        return channel.read(ByteBuffer.allocate(256)) <= 0; // non-blocking under MINA
    }
}
