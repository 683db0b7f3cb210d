package io.helo.server.transport;

import java.io.IOException;
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
 *   <li>A write, a resumed read or a new session asks the processor to wake up from select even when the caller is
 *       the processor's own thread, which is awake and looks at its queues anyway: an eventfd write, an eventfd
 *       read and a select that returns at once. That wake-up is skipped; instead the next select does not wait
 *       ({@code selectNow}), so nothing queued by the loop itself waits for the next event, and it tells MINA's
 *       epoll-spin guard that this early return was asked for.
 * </ul>
 */
public final class HeloNioProcessor extends NioProcessor {
    private static final ThreadLocal<Boolean> LOOP = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private volatile Thread loop;
    private boolean selfWakeupSkipped;
    private IoBuffer shortRead;

    /** A processor running its loop on a thread of {@code executor}; MINA's pool creates it by reflection. */
    public HeloNioProcessor(Executor executor) {
        super(executor);
    }

    /**
     * True if the caller runs a processor's loop: the thread that delivers a session's events is the one that may
     * touch its channel directly (MINA hands each session a processor of its pool, not this instance).
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
        if (selfWakeupSkipped) {
            selfWakeupSkipped = false;
            wakeupCalled.set(true);
            return selectNow();
        }
        return super.select(timeout);
    }

    @Override
    protected void wakeup() {
        if (Thread.currentThread() == loop) {
            selfWakeupSkipped = true; // the loop is running, not selecting: it will look before it sleeps
            return;
        }
        super.wakeup();
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
