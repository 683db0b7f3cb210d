package io.helo.server.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * Closes one connection whose last line was written, without losing that line. Closing a socket with unread input
 * makes TCP send a reset, and a reset makes the client's system discard what it has not read yet, our last line
 * included. So unless the client is known to have sent nothing more, the server sends FIN, then reads and discards
 * until the client closes, for at most the linger timeout (timed by itself) and the discard limit (in octets).
 * Its state is guarded by the connection's lock.
 */
final class LingeringClose implements IoFutureListener<WriteFuture> {
    private final Connection connection;
    private final IoSession session;
    private final Transport transport;
    private final SessionContext context;
    /** The last batch written answered the end of the client's input: nothing was waiting after it. */
    private boolean drainedAtEnd;
    /** Octets received after the last line: discarded, and bounded. */
    private long discarded;
    private volatile long lingeringSinceNanos;

    LingeringClose(Connection connection, IoSession session, Transport transport, SessionContext context) {
        this.connection = connection;
        this.session = session;
        this.transport = transport;
        this.context = context;
    }

    /** The batch with the last line is being written; {@code drained}: it answered everything that had arrived. */
    void lastBatchDrained(boolean drained) {
        drainedAtEnd = drained;
    }

    /** True once the server has sent FIN and waits for the client's close. */
    boolean isLingering() {
        return lingeringSinceNanos != 0;
    }

    /** Octets that came with the last line's read, after it: discarded. */
    void sentAfterLastLine(int count) {
        discarded += count;
    }

    /** Octets arrived after the session's last line: discarded, and past the discard limit the session is cut. */
    void discarded(int count) {
        discarded += count;
        if (discarded > context.maxDiscard()) {
            connection.then(session::closeNow); // under the connection's lock: closed once it is released
        }
    }

    @Override
    public void operationComplete(WriteFuture written) {
        lastLineWritten(written.isWritten());
    }

    /**
     * The session's last line was written (or failed to be): closes it without losing that line. Called without the
     * connection's lock (it takes it), as a close is a call into MINA's filter chain.
     */
    void lastLineWritten(boolean written) {
        SocketChannel channel = socketOf(session);
        if (!written || channel == null || session.isClosing()) {
            session.closeNow(); // closing already, e.g. a close that marked the queued line written: nothing to end
            return;
        }
        if (transport.endAfterLastLine(session, () -> lastLineWritten(true))) {
            return; // here again once the transport's own ending is on its way
        }
        boolean lingering;
        synchronized (connection) {
            lingering = linger(channel);
        }
        if (!lingering) {
            session.closeNow();
            return;
        }
        try {
            context.timer().schedule(() -> {
                session.closeNow();
            }, context.lingerNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            session.closeNow(); // the server is closing what is left after its drain: no time to linger
        }
    }

    /** Sends FIN and reads until the client closes, unless it is known to have sent nothing more: false then. */
    private boolean linger(SocketChannel channel) {
        try {
            if (connection.conversation().endReason() == EndReason.BYE && discarded == 0
                    && (drainedAtEnd || nothingUnread(channel))) {
                return false; // the usual end: the client asked to leave, sent nothing more, and waits for our reply
            }
            channel.shutdownOutput();
        } catch (IOException e) {
            return false;
        }
        lingeringSinceNanos = System.nanoTime();
        connection.resumeReading(); // the input must be drained for the client's close to be seen
        return true;
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
