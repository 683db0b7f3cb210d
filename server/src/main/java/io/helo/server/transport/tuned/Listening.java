package io.helo.server.transport.tuned;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * A listening socket as one I/O processor's selector holds it: the processor accepts its connections itself and
 * serves them, so no connection crosses threads and no other thread wakes up for it.
 */
final class Listening {
    /** Connections accepted at most per readiness of the listening socket, so that the served ones get their turn. */
    private static final int ACCEPTED_AT_ONCE = 64;
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

    /** Accepts the waiting connections, each a session of {@code processor}, which serves it from its next turn. */
    void acceptFor(HeloNioProcessor processor) {
        for (int i = 0; i < ACCEPTED_AT_ONCE; i++) {
            NioSession session;
            try {
                session = acceptor.accept(processor, channel);
            } catch (ClosedChannelException e) {
                return; // unbound meanwhile
            } catch (IOException e) {
                // out of file descriptors, as a rule: the acceptor answers the waiting connections with its spare
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
