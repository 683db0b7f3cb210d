package io.helo.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * MINA's NIO processor reading a socket at most once per select, so that a reset cannot take the reply read just
 * before it. MINA reads again until a read returns nothing, and hands on what it read only then: a line followed by
 * a reset gives one read with the line and one that throws, and the exception skips the line. The second read is not
 * needed: it comes only after a read that left room in the buffer, which emptied the socket, and the selector is
 * level-triggered, so whatever arrived since (octets, the end of the stream, a reset) is reported by the next select,
 * after the line has been delivered. Runs on a thread of its own, which ends once the processor is disposed (shortly
 * after {@link #dispose()} returns, if the loop had already stopped with its last session).
 */
final class OneReadPerEventProcessor extends NioProcessor {
    private final ExecutorService loop;

    private OneReadPerEventProcessor(ExecutorService loop) {
        super(loop);
        this.loop = loop;
    }

    /** A processor with its own thread, started with its first session. */
    static OneReadPerEventProcessor create() {
        return new OneReadPerEventProcessor(Executors.newSingleThreadExecutor());
    }

    @Override
    protected int read(NioSession session, IoBuffer buffer) throws Exception {
        if (buffer.position() > 0) {
            return 0; // this event already read octets and left room: the socket was empty, the next select tells more
        }
        return super.read(session, buffer);
    }

    /** Called on the loop's thread as it ends: the thread ends with it (MINA does not stop an executor it was given). */
    @Override
    protected void doDispose() throws Exception {
        try {
            super.doDispose();
        } finally {
            loop.shutdown();
        }
    }
}
