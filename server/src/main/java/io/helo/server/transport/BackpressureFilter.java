package io.helo.server.transport;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Stops reading from a client whose unsent replies exceed a threshold, and reads again once they fall to half
 * of it: a client that pipelines without reading cannot grow the server's memory. MINA's write queue has no
 * bound of its own.
 *
 * <p>Sits next to the head of the chain, so it looks at the queue after the replies of a whole read have been
 * written: the queue holds at most the threshold plus the replies to one read.
 */
public final class BackpressureFilter extends IoFilterAdapter {
    private final long maxUnsentBytes;

    /** Pauses reading above {@code maxUnsentBytes} unsent octets, resumes at half of it. */
    public BackpressureFilter(long maxUnsentBytes) {
        this.maxUnsentBytes = maxUnsentBytes;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        next.messageReceived(session, message);
        if (!session.isReadSuspended() && session.getScheduledWriteBytes() > maxUnsentBytes) {
            session.suspendRead();
        }
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (session.isReadSuspended() && session.getScheduledWriteBytes() <= maxUnsentBytes / 2) {
            session.resumeRead();
        }
        next.messageSent(session, request);
    }
}
