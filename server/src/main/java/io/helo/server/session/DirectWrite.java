package io.helo.server.session;

import io.helo.server.ops.Counters;
import io.helo.server.transport.HeloNioProcessor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * Writes a pass's replies straight to the socket, when that changes nothing but the cost: MINA's write request, its
 * future, the filter chain, the flush queue and the {@code messageSent} event are a large part of what one read
 * costs, for replies the socket nearly always takes whole. Only when every condition holds:
 *
 * <ul>
 *   <li>no filter transforms or holds what is written (the TLS port turns it off);
 *   <li>the caller is the session's own I/O thread, which alone touches its channel;
 *   <li>MINA has nothing of the session's left to write, queued or half written, so nothing is overtaken;
 *   <li>no request is held for a next pass, which a sent write starts.
 * </ul>
 *
 * What the socket does not take now goes through MINA's queue as usual. MINA's byte counts and last-write time are
 * kept as its own writes keep them, so its write timeout and the counters see every octet.
 */
final class DirectWrite {
    private final boolean enabled;
    private final Counters counters;

    DirectWrite(boolean enabled, Counters counters) {
        this.enabled = enabled;
        this.counters = counters;
    }

    /** True if the pass's replies may go straight to the socket now. */
    boolean mayWrite(IoSession session, SessionState state) {
        return enabled && state.heldLength() == 0 && state.transport.writesAsIs() && HeloNioProcessor.isLoopThread()
                && session instanceof NioSession nio
                && nio.getChannel() instanceof SocketChannel && !session.isWriteSuspended() && !session.isClosing()
                && session.getScheduledWriteBytes() == 0 && session.getCurrentWriteRequest() == null
                && session.getWriteRequestQueue().isEmpty(session); // nothing MINA still has to write, not even part
    }

    /** Writes what the socket takes of {@code bytes[0, length)}; returns how much, or -1 if the connection failed. */
    int write(IoSession session, SessionState state, byte[] bytes, int length) {
        try {
            SocketChannel channel = (SocketChannel) ((NioSession) session).getChannel();
            int written = channel.write(ByteBuffer.wrap(bytes, 0, length));
            if (written > 0) {
                // as MINA counts its own writes: scheduled when queued, then written (which unschedules them)
                AbstractIoSession counted = (AbstractIoSession) session;
                counted.increaseScheduledWriteBytes(written);
                counted.increaseWrittenBytes(written, System.currentTimeMillis());
                counters.directWrite();
            }
            return written;
        } catch (IOException e) {
            state.conversation.end(EndReason.CONNECTION_ERROR);
            SessionLog.failed(state, EndReason.CONNECTION_ERROR, e);
            session.closeNow();
            return -1;
        }
    }
}
