package io.helo.server.transport.tuned;

import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * MINA's NIO processor without two wasted system calls per event, through its supported extension points.
 *
 * <ul>
 *   <li>MINA reads until {@code read} returns nothing, one {@code read} too many per event: a short read already
 *       emptied the socket, and epoll is level-triggered, so whatever arrives later is reported by the next
 *       select. After a short read, the next read of the same event returns nothing without asking the kernel.
 *   <li>A write, a resumed read or a new session asks the processor to wake up from select even when it is not
 *       selecting but running, and looks at its queues anyway: an eventfd write, an eventfd read and a select that
 *       returns at once. That wake-up is skipped when the caller is the loop itself, or when the loop is not in
 *       select; instead the next select does not wait ({@code selectNow}), so nothing queued waits for the next
 *       event, and it tells MINA's epoll-spin guard that this early return was asked for. (The waker writes its
 *       request and then reads whether the loop selects; the loop writes that it selects and then reads the
 *       requests; both volatile, so at least one of them sees the other.)
 *   <li>MINA closes a session's channel right after cancelling its key, while the channel is still registered
 *       with the selector; the JDK can then not close it yet, and asks for its linger setting and shuts its output
 *       instead ({@code getsockopt} and {@code shutdown}), closing it only at the next select. Here the channel is
 *       closed just after the next select (which does not wait) has deregistered it: one plain {@code close}.
 * </ul>
 */
public final class HeloNioProcessor extends NioProcessor {
    private static final ThreadLocal<Boolean> LOOP = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private volatile Thread loop;
    private volatile boolean selecting;
    private volatile boolean wakeupRequested;
    private boolean selfWakeupSkipped;
    private IoBuffer shortRead;
    private final List<ByteChannel> closeWhenDeregistered = new ArrayList<>();

    /**
     * A processor running its loop on a thread of {@code executor}; MINA's pool creates it by reflection.
     *
     * @param executor runs the processor's loop
     */
    public HeloNioProcessor(Executor executor) {
        super(executor);
    }

    /**
     * True if the caller runs a processor's loop: the thread that delivers a session's events is the one that may
     * touch its channel directly (MINA hands each session a processor of its pool, not this instance).
     *
     * @return true on the thread of a processor's loop
     */
    public static boolean isLoopThread() {
        return LOOP.get();
    }

    @Override
    protected int select(long timeout) throws Exception {
        if (loop != Thread.currentThread()) {
            loop = Thread.currentThread();
            LOOP.set(Boolean.TRUE);
        }
        if (!selfWakeupSkipped) {
            selecting = true; // then look for requests: a waker sets its request, then looks whether we select
            if (!wakeupRequested) {
                try {
                    return super.select(timeout);
                } finally {
                    selecting = false;
                    wakeupRequested = false; // a request from now on is for the next select
                }
            }
            selecting = false;
            wakeupRequested = false;
        }
        selfWakeupSkipped = false;
        wakeupCalled.set(true); // this early return was asked for: not epoll spinning
        int selected = selectNow();
        closeDeregistered();
        return selected;
    }

    @Override
    protected void wakeup() {
        if (Thread.currentThread() == loop) {
            selfWakeupSkipped = true; // the loop is running, not selecting: it will look before it sleeps
            return;
        }
        wakeupRequested = true;
        if (selecting) {
            super.wakeup(); // it may be asleep in select, or about to be
        } // else it is running, and will see the request before it sleeps
    }

    @Override
    protected void destroy(NioSession session) throws Exception {
        SelectionKey key = session.getChannel() instanceof SelectableChannel channel ? channel.keyFor(selector) : null;
        if (key == null || Thread.currentThread() != loop) {
            super.destroy(session);
            return;
        }
        key.cancel();
        closeWhenDeregistered.add(session.getChannel());
        selfWakeupSkipped = true; // the next select does not wait, and deregisters the channel
    }

    @Override
    protected void doDispose() throws Exception {
        super.doDispose(); // closing the selector deregisters every channel
        closeDeregistered();
    }

    private void closeDeregistered() {
        for (ByteChannel channel : closeWhenDeregistered) {
            try {
                channel.close();
            } catch (IOException e) {
                // closed all the same: the descriptor is released whatever close reports
            }
        }
        closeWhenDeregistered.clear();
    }

    @Override
    protected int read(NioSession session, IoBuffer buffer) throws Exception {
        if (buffer == shortRead) {
            shortRead = null;
            return 0; // the previous read left room in this very buffer: the socket was empty
        }
        int read = super.read(session, buffer);
        shortRead = read > 0 && buffer.hasRemaining() ? buffer : null;
        return read;
    }

    private int selectNow() throws IOException {
        selectorLock.readLock().lock();
        try {
            return selector.selectNow();
        } finally {
            selectorLock.readLock().unlock();
        }
    }
}
