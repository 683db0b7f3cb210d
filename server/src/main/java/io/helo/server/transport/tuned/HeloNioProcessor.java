package io.helo.server.transport.tuned;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.polling.AbstractPollingIoProcessor;
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
 *   <li>MINA accepts on a thread of its own, with a selector of its own, and hands each connection to a processor
 *       through a queue and a wake-up: a second thread woken for every connection, and its system calls. Here the
 *       listening sockets are registered with the processor's own selector ({@link #listen}); the processor accepts
 *       their connections itself right after its select and makes them its sessions in the same turn. MINA's
 *       acceptor still binds and unbinds, and its thread sleeps.
 *   <li>MINA allocates a new read buffer for every read; a session without filters is read into the loop's own
 *       (see {@link #isReadable}), a direct one copied once into the array the handler parses, and what it reads goes
 *       to the handler without the chain's two empty hops. Its reads and direct writes are timed once per turn.
 *   <li>The selector's selected-key set makes a hash entry for every ready key and an iterator for every pass; each
 *       select here hands its ready keys to one reused list instead ({@link ReadyKeys}), which MINA's loop walks.
 * </ul>
 */
public final class HeloNioProcessor extends NioProcessor {
    private static final ThreadLocal<Boolean> LOOP = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** MINA's private {@code startupProcessor()}: starts the loop if it does not run, then wakes it up. */
    private static final MethodHandle START = startupProcessor();

    private volatile Thread loop;
    private volatile boolean selecting;
    private volatile boolean wakeupRequested;
    private boolean selfWakeupSkipped;
    /** What a session with no filter reads, in native memory first: see {@link DirectCopy}. */
    private final DirectCopy incoming = new DirectCopy();
    /** The same octets, copied once into the array the handler parses; as large as a read may be. */
    private IoBuffer readBuffer;
    /** What a direct write hands the kernel. */
    private final DirectCopy outgoing = new DirectCopy();
    /**
     * When the last select returned: the time of the reads and direct writes of its turn, one clock read for all of
     * them; late by at most the turn, so that a time-out may end that much early.
     */
    private long turnTime = System.currentTimeMillis();
    private final List<ByteChannel> closeWhenDeregistered = new ArrayList<>();
    /** What each select found ready, instead of the selector's selected-key set. */
    private final ReadyKeys ready = new ReadyKeys();
    private final List<Listening> listening = new CopyOnWriteArrayList<>();
    /** The same, as an array the loop walks at every select without making an iterator. */
    private volatile Listening[] listeningNow = new Listening[0];
    /** A listening socket was registered once: keys other than sessions' may be among the selector's. */
    private volatile boolean listened;
    /** Sessions just accepted are added while the loop is between its select and its new sessions: no wake-up. */
    private boolean accepting;

    /**
     * A processor running its loop on a thread of {@code executor}; MINA's pool creates it by reflection.
     *
     * @param executor runs the processor's loop
     */
    public HeloNioProcessor(Executor executor) {
        super(executor);
    }

    /**
     * True if the caller runs a processor's loop (or ran one: the pool's threads are shared), as tests ask; whether a
     * session's channel may be touched is its own processor's question ({@code runsHere}).
     *
     * @return true on the thread of a processor's loop
     */
    public static boolean isLoopThread() {
        return LOOP.get();
    }

    /** True on this processor's own loop: the thread that alone touches its sessions' channels. */
    boolean runsHere() {
        return Thread.currentThread() == loop;
    }

    /** The time of this turn of the loop, as the session counters record a read or write in it. */
    long turnTime() {
        return turnTime;
    }

    /** {@code bytes[0, length)}, or as much of them as the loop's write buffer holds, ready to write: loop only. */
    ByteBuffer outgoing(byte[] bytes, int length) {
        return outgoing.of(bytes, length);
    }

    @Override
    protected int select(long timeout) throws Exception {
        boolean accepts = listened;
        int selected = selectAndSkipWakeUps(accepts ? acceptPause(timeout) : timeout);
        turnTime = System.currentTimeMillis();
        if (accepts && selected > 0) {
            acceptWaiting();
        }
        return selected;
    }

    private int selectAndSkipWakeUps(long timeout) throws Exception {
        if (loop != Thread.currentThread()) {
            loop = Thread.currentThread();
            LOOP.set(Boolean.TRUE);
        }
        if (!selfWakeupSkipped) {
            selecting = true; // then look for requests: a waker sets its request, then looks whether we select
            if (!wakeupRequested) {
                try {
                    return selectReady(timeout);
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
            if (accepting) {
                return; // the loop adds the new sessions right after this select
            }
            selfWakeupSkipped = true; // the loop is running, not selecting: it will look before it sleeps
            return;
        }
        wakeupRequested = true;
        if (selecting) {
            super.wakeup(); // it may be asleep in select, or about to be
        } // else it is running, and will see the request before it sleeps
    }

    /**
     * Accepts the connections of {@code channel} on this processor's loop, as sessions of {@code acceptor}'s; starts
     * the loop if it does not run yet. Called by the acceptor's thread when it has bound the channel.
     */
    void listen(ServerSocketChannel channel, HeloSocketAcceptor acceptor) throws ClosedChannelException {
        Listening listener = new Listening(channel, acceptor);
        listened = true;
        listening.add(listener);
        listeningNow = listening.toArray(new Listening[0]);
        selectorLock.readLock().lock();
        try {
            listener.register(selector);
        } finally {
            selectorLock.readLock().unlock();
        }
        start();
    }

    /** Stops accepting the connections of {@code channel}; called by the acceptor's thread before it closes it. */
    void stopListening(ServerSocketChannel channel) {
        for (Listening listener : listening) {
            if (listener.channel() == channel) {
                listening.remove(listener);
                listeningNow = listening.toArray(new Listening[0]);
                listener.cancel();
            }
        }
        wakeup(); // the select drops the key
    }

    /** The sessions only: MINA reads every key's attachment as one, and a listening socket's is not. */
    @Override
    protected Iterator<NioSession> allSessions() {
        if (!listened) {
            return super.allSessions();
        }
        List<NioSession> sessions = new ArrayList<>();
        selectorLock.readLock().lock();
        try {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof NioSession session) {
                    sessions.add(session);
                }
            }
        } finally {
            selectorLock.readLock().unlock();
        }
        return sessions.iterator();
    }

    /** MINA's cure for a spinning epoll moves only sessions to the new selector: the listening sockets move here. */
    @Override
    protected void registerNewSelector() throws IOException {
        for (Listening listener : listening) {
            listener.cancel();
        }
        selector.selectNow(); // drops the cancelled keys, so that only sessions are left to move
        super.registerNewSelector();
        for (Listening listener : listening) {
            listener.register(selector);
        }
    }

    private long acceptPause(long timeout) {
        long now = System.currentTimeMillis();
        for (Listening listener : listeningNow) {
            if (listener.paused(now)) {
                return Math.min(timeout, Listening.PAUSE_MILLIS);
            }
        }
        return timeout;
    }

    /** Accepts what the listening sockets' keys among the ready ones have waiting. */
    private void acceptWaiting() {
        accepting = true;
        try {
            for (int i = 0; i < ready.size(); i++) { // MINA's loop is shown only the sessions' keys
                SelectionKey key = ready.get(i);
                if (key.attachment() instanceof Listening listener && key.isValid()) {
                    listener.acceptFor(this);
                }
            }
        } finally {
            accepting = false;
        }
    }

    /** Runs MINA's loop, which otherwise starts only with the first session (a listening socket is none). */
    private void start() {
        try {
            START.invokeExact((AbstractPollingIoProcessor<?>) this);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * Reads a session with no filter into this loop's own buffer, and says no, so that MINA does not read it again;
     * any other session is MINA's to read, into a buffer of its own. MINA allocates a new buffer for every read and
     * lets the collector reclaim it: tens of megabytes a second at full speed, and the pauses of the collections that
     * follow are the tail of the latencies. Nothing keeps the buffer beyond the read's event: the connection answers
     * what it can in place and copies what it holds.
     */
    @Override
    protected boolean isReadable(NioSession session) {
        if (!super.isReadable(session)) {
            return false;
        }
        if (session.isReadSuspended() || session.getFilterChain().getEntry(IoFilter.class) != null
                || session.getConfig().isUseReadOperation()) {
            return true; // MINA's to read, or not to (the entry search finds any filter, and allocates nothing)
        }
        readIntoLoopBuffer(session);
        return false;
    }

    /**
     * Reads the socket once, as MINA would: the end of the stream or a failure go up its chain, the octets straight to
     * the handler. With no filter, the chain's head and tail only pass them on, and the tail asks the service's
     * statistics, under their lock, to recompute throughputs nobody reads; the octets are counted as the head counts
     * them (the session's and the service's bytes in, the last read time) and a handler's failure goes back up the
     * chain as it would from there.
     */
    private void readIntoLoopBuffer(NioSession session) {
        int max = Math.min(session.getConfig().getMaxReadBufferSize(), DirectCopy.MAX_CAPACITY); // what one buffer holds
        ByteBuffer room = incoming.room(max);
        IoFilterChain chain = session.getFilterChain();
        try {
            int read = ((ReadableByteChannel) session.getChannel()).read(room);
            if (read > 0) {
                if (readBuffer == null || readBuffer.capacity() != max) {
                    readBuffer = IoBuffer.wrap(new byte[max]); // its capacity is the read asked: a short read shows
                }
                room.flip().get(readBuffer.array(), 0, read);
                IoBuffer buffer = readBuffer.clear().limit(read);
                session.increaseReadBytes(read, turnTime);
                deliver(session, buffer);
            } else if (read < 0) {
                chain.fireInputClosed();
            } // 0: nothing after all; epoll says so again if there is
        } catch (IOException e) {
            remove(session); // as MINA does on a failed read
            chain.fireExceptionCaught(e);
        }
    }

    /** Hands the octets read to the session's handler, as the chain's tail would; its failure goes up the chain. */
    private static void deliver(NioSession session, IoBuffer buffer) {
        try {
            session.getHandler().messageReceived(session, buffer);
        } catch (Exception e) {
            session.getFilterChain().fireExceptionCaught(e);
        } catch (Error e) {
            session.getFilterChain().fireExceptionCaught(e);
            throw e;
        }
    }

    @Override
    protected int read(NioSession session, IoBuffer buffer) throws Exception {
        if (buffer.position() > 0) {
            return 0; // MINA's buffer is new for each event: a read of this event left room, the socket was empty
        }
        return super.read(session, buffer);
    }

    /** MINA's select, collecting the ready keys into {@link #ready}: {@code timeout} 0 does not wait. */
    private int selectReady(long timeout) throws IOException {
        ready.clear();
        selectorLock.readLock().lock();
        try {
            return timeout == 0 ? selector.selectNow(ready) : selector.select(ready, timeout);
        } finally {
            selectorLock.readLock().unlock();
        }
    }

    private int selectNow() throws IOException {
        return selectReady(0);
    }

    /** The sessions the last select found ready, as MINA's loop processes them. */
    @Override
    protected Iterator<NioSession> selectedSessions() {
        return ready.sessions();
    }

    private static MethodHandle startupProcessor() {
        try {
            Method start = AbstractPollingIoProcessor.class.getDeclaredMethod("startupProcessor");
            start.setAccessible(true);
            return MethodHandles.lookup().unreflect(start)
                    .asType(MethodType.methodType(void.class, AbstractPollingIoProcessor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this MINA has no startupProcessor(): run with MinaUse.STOCK", e);
        }
    }
}
