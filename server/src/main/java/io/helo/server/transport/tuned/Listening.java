package io.helo.server.transport.tuned;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import org.apache.mina.transport.socket.nio.NioSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening socket as one I/O processor's selector holds it: the processor accepts its connections itself and
 * serves them, so no connection crosses threads and no other thread wakes up for it.
 */
final class Listening {
    private static final Logger LOG = LoggerFactory.getLogger(Listening.class);
    /** How long accepting pauses when it fails and no connection could be answered either. */
    static final long PAUSE_MILLIS = 50;

    private final ServerSocketChannel channel;
    private final HeloSocketAcceptor acceptor;
    private volatile SelectionKey key;
    private long pausedUntilMillis;

    Listening(ServerSocketChannel channel, HeloSocketAcceptor acceptor) {
        this.channel = channel;
        this.acceptor = acceptor;
    }

    ServerSocketChannel channel() {
        return channel;
    }

    /** Registers the listening socket with {@code selector}, for its connections. */
    void register(Selector selector) throws ClosedChannelException {
        key = channel.register(selector, SelectionKey.OP_ACCEPT, this);
    }

    /** Stops listening here: the key is cancelled, and the selector drops it at its next select. */
    void cancel() {
        key.cancel();
    }

    /** True while accepting pauses (out of descriptors, and none spare); resumes it once the pause is over. */
    boolean paused(long nowMillis) {
        if (pausedUntilMillis == 0) {
            return false;
        }
        if (nowMillis < pausedUntilMillis || !key.isValid()) {
            return true;
        }
        pausedUntilMillis = 0;
        key.interestOps(SelectionKey.OP_ACCEPT);
        return false;
    }

    /**
     * Accepts every waiting connection, each a session of {@code processor}, which serves it from its next turn: the
     * backlog is emptied at each readiness, so that a flood of connections the gate refuses cannot fill it and make
     * the kernel drop other clients' (the admitted ones are bounded by the connection limits).
     */
    void acceptFor(HeloNioProcessor processor) {
        for (;;) {
            NioSession session;
            try {
                session = acceptor.accept(processor, channel);
            } catch (ClosedChannelException e) {
                return; // unbound meanwhile
            } catch (IOException e) {
                if (!HeloSocketAcceptor.outOfDescriptors(e)) {
                    LOG.debug("accepting a connection failed: {}", e.toString());
                    return; // the next readiness tries again
                }
                // out of file descriptors: the acceptor answers the waiting connections with its spare
                if (!acceptor.refuseWaiting(channel) && key.isValid()) {
                    key.interestOps(0); // nothing could be answered: not a busy loop around a full backlog
                    pausedUntilMillis = System.currentTimeMillis() + PAUSE_MILLIS;
                }
                return;
            }
            if (session == null) {
                return; // none left waiting (or another processor took it)
            }
            processor.add(session);
        }
    }
}
