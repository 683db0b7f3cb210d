package io.helo.server.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * Closes a session whose last line was written, without losing that line. Closing a socket with unread input
 * makes TCP send a reset, and a reset makes the client's system discard what it has not read yet, our last line
 * included. So the server sends FIN, then keeps reading and discarding until the client closes (MINA then reports
 * the end of its input) or the linger timeout passes ({@link SessionTimers}).
 */
final class LingeringClose implements IoFutureListener<WriteFuture> {

    @Override
    public void operationComplete(WriteFuture written) {
        IoSession session = written.getSession();
        SessionState state = SessionState.of(session);
        SocketChannel channel = socketOf(session);
        if (!written.isWritten() || channel == null) {
            session.closeNow();
            return;
        }
        try {
            if (state.conversation.endReason() == EndReason.BYE && nothingUnread(channel)) {
                // the usual end: the client asked to leave and waits for our reply; a plain close sends no reset
                session.closeNow();
                return;
            }
            channel.shutdownOutput();
        } catch (IOException e) {
            session.closeNow();
            return;
        }
        state.lingeringSinceNanos = System.nanoTime();
        if (session.isReadSuspended()) {
            session.resumeRead(); // the input must be drained for the client's close to be seen
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
