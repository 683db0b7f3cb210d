package io.helo.server.transport.tuned;

import io.helo.server.transport.DirectWriter;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * Writes a batch of replies straight to the socket, when that changes nothing but the cost: MINA's write request, its
 * future, the filter chain, the flush queue and the {@code messageSent} event are a large part of what one read
 * costs, for replies the socket nearly always takes whole. Only when every condition holds:
 *
 * <ul>
 *   <li>no filter transforms or holds what is written (the connection's transport says so);
 *   <li>the caller is the session's own I/O thread, which alone touches its channel, and whose direct buffer the octets
 *       are handed to the kernel in;
 *   <li>MINA has nothing of the session's left to write, queued or half written, so nothing is overtaken;
 *   <li>no request is held for a next batch, which a sent write starts.
 * </ul>
 *
 * The first and last are the connection's to know; this checks the rest. What the socket does not take now goes
 * through MINA's queue as usual. MINA's byte counts and last-write time are kept as its own writes keep them, so its
 * write timeout and the counters see every octet.
 */
final class DirectWrite implements DirectWriter {
    private final Runnable onWrite;

    /** A writer that runs {@code onWrite} for each write it makes, for the counters. */
    DirectWrite(Runnable onWrite) {
        this.onWrite = onWrite;
    }

    /** True if replies may go straight to the socket of {@code session} now: see the conditions above. */
    @Override
    public boolean mayWrite(IoSession session) {
        return session instanceof NioSession nio && nio.getProcessor() instanceof HeloNioProcessor processor
                && processor.runsHere() && nio.getChannel() instanceof SocketChannel && !session.isWriteSuspended() && !session.isClosing()
                && session.getScheduledWriteBytes() == 0 && session.getCurrentWriteRequest() == null
                && session.getWriteRequestQueue().isEmpty(session); // nothing MINA still has to write, not even part
    }

    /** Writes what the socket takes of {@code bytes[0, length)}; returns how much. */
    @Override
    public int write(IoSession session, byte[] bytes, int length) throws IOException {
        NioSession nio = (NioSession) session;
        HeloNioProcessor processor = (HeloNioProcessor) nio.getProcessor();
        int written = ((SocketChannel) nio.getChannel()).write(processor.outgoing(bytes, length));
        if (written > 0) {
            // as MINA counts its own writes: scheduled when queued, then written (which unschedules them)
            nio.increaseScheduledWriteBytes(written);
            nio.increaseWrittenBytes(written, Math.max(processor.turnTime(), nio.getLastWriteTime())); // never back
            onWrite.run();
        }
        return written;
    }
}
