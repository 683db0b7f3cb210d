package io.helo.server.transport.tuned;

import io.helo.server.transport.AcceptGate;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.service.IoService;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's socket acceptor, with its connections accepted by the I/O processors that serve them, and which survives
 * running out of file descriptors.
 *
 * <p>It binds and unbinds as MINA's does, on MINA's acceptor thread, but registers each bound socket with every
 * processor's own selector rather than with its own: a processor accepts a connection right after its select and
 * serves it from the same turn, with no hand-off between threads and no thread woken for it but the one that serves
 * it. (With several processors each one is woken for a new connection and one of them takes it.)
 *
 * <p>Out of descriptors, where MINA logs a stack trace twenty times a second and leaves the connections waiting in
 * the backlog, this one keeps a spare descriptor: it frees it to accept the waiting connections one by one, sends
 * each the busy line and closes it, then takes the spare back, so that every connection gets an answer; and it says
 * so in one WARN line at most every ten seconds. (The server also serves no more connections than the open-file
 * limit allows, so this is the last line of defence.)
 *
 * <p>Its {@link AcceptGate} decides about each connection as soon as it is accepted: one the limits refuse gets its
 * closing line in one non-blocking write and is closed there, on the accepting thread, without a session ever being
 * made for it, so that a connection flood costs as little as the kernel lets it.
 */
final class HeloSocketAcceptor extends NioSocketAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(HeloSocketAcceptor.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Connections refused in one go while out of descriptors. */
    private static final int REFUSED_AT_ONCE = 256;
    /** MINA's socket session's constructor, which MINA keeps to its own package. */
    private static final MethodHandle NEW_SESSION = sessionConstructor();

    private final HeloProcessors processors;
    private final byte[] busyLine;
    private final Runnable refused;
    private volatile AcceptGate gate = AcceptGate.NONE;
    private FileChannel spare;
    private long lastWarningNanos = System.nanoTime() - WARN_EVERY_NANOS;
    private long refusedSinceWarning;

    /**
     * An acceptor whose sockets {@code processors} accept on, which answers {@code busyLine} when out of descriptors
     * and runs {@code refused}.
     *
     * @param processors the I/O processors, which accept and serve the connections
     * @param busyLine the octets sent to a connection refused for lack of descriptors, line end included
     * @param refused runs once for each connection so refused, e.g. to count it
     */
    HeloSocketAcceptor(HeloProcessors processors, byte[] busyLine, Runnable refused) {
        super(processors);
        setSessionDataStructureFactory(new SessionData()); // attributes found without hashing, on every message
        this.processors = processors;
        this.busyLine = busyLine.clone();
        this.refused = refused;
        this.spare = openSpare();
    }

    /** Has {@code gate} decide about each connection from now on, before its session is made. */
    void gate(AcceptGate gate) {
        this.gate = gate;
    }

    /** Binds as MINA does, then lets the processors accept: MINA's own selector is not told of connections. */
    @Override
    protected ServerSocketChannel open(SocketAddress localAddress) throws Exception {
        ServerSocketChannel channel = super.open(localAddress);
        try {
            channel.keyFor(selector).interestOps(0);
            for (HeloNioProcessor processor : processors.all()) {
                processor.listen(channel, this);
            }
        } catch (IOException | RuntimeException e) {
            close(channel);
            throw e;
        }
        return channel;
    }

    @Override
    protected void close(ServerSocketChannel handle) throws Exception {
        for (HeloNioProcessor processor : processors.all()) {
            processor.stopListening(handle);
        }
        super.close(handle);
    }

    /**
     * Accepts a connection waiting at {@code handle}, as a session of this acceptor's served by {@code processor}.
     *
     * @return the session, ready to be added to its processor; null if no connection waits
     * @throws IOException if accepting failed, as it does out of file descriptors
     */
    NioSession accept(HeloNioProcessor processor, ServerSocketChannel handle) throws IOException {
        AcceptGate.Verdict verdict;
        SocketChannel channel;
        do {
            channel = handle.accept();
            if (channel == null) {
                return null;
            }
            try {
                verdict = gate.decide((InetSocketAddress) channel.getRemoteAddress(),
                        (InetSocketAddress) handle.getLocalAddress());
            } catch (IOException | RuntimeException e) {
                channel.close(); // not a descriptor lost to a failed decision
                throw e;
            }
        } while (verdict.line() != null && refuse(channel, verdict.line()));
        NioSession session;
        try {
            session = (NioSession) NEW_SESSION.invokeExact((IoService) this, (IoProcessor<?>) processor, channel);
        } catch (RuntimeException | Error e) {
            channel.close();
            throw e;
        } catch (Throwable e) {
            channel.close();
            throw new IllegalStateException(e);
        }
        initSession(session, null, null); // makes its attribute map
        if (verdict == AcceptGate.Verdict.ADMITTED) {
            session.setAttribute(AcceptGate.ADMITTED);
        }
        return session;
    }

    /**
     * Sends {@code line} to a connection the gate refused, with one non-blocking write (a new connection's send buffer
     * holds it whole), and closes it. A client that spoke at once (its HELO is often there before the refusal) has
     * octets unread at the close, which makes the close a reset; a reset before any FIN fails the client's next read,
     * and a reader that reads on after the line (MINA's does) loses the line with it. Shutting the output first puts
     * the FIN right behind the line, ahead of any reset, so the client reads the line and an orderly end.
     *
     * @return true, to go on accepting
     */
    private boolean refuse(SocketChannel channel, byte[] line) {
        try (channel) {
            channel.configureBlocking(false);
            countSent(channel.write(ByteBuffer.wrap(line)));
            channel.shutdownOutput(); // the FIN right behind the line: see above
        } catch (IOException e) {
            // the client is gone already: nothing to tell it
        }
        return true;
    }

    /** Counts octets sent without a session with the service's, which count what its sessions send. */
    private void countSent(int octets) {
        if (octets > 0) {
            getStatistics().increaseWrittenBytes(octets, System.currentTimeMillis());
        }
    }

    /**
     * True if {@code e}, from {@code accept}, says the process or the system is out of file descriptors (EMFILE,
     * ENFILE), the one failure a spare descriptor helps with; anything else (a connection aborted, the kernel short
     * of buffers) is no reason to refuse the waiting connections.
     */
    static boolean outOfDescriptors(IOException e) {
        String message = e.getMessage();
        return message != null && message.contains("Too many open files");
    }

    /**
     * Out of descriptors: with the spare one, answers the connections waiting in the backlog, at most
     * {@link #REFUSED_AT_ONCE}. Called by the processor that could not accept; descriptors are the process's, so
     * any of them may use the spare, one at a time.
     *
     * @return false if there was no spare descriptor, and no connection was answered
     */
    synchronized boolean refuseWaiting(ServerSocketChannel handle) {
        if (spare == null && (spare = openSpare()) == null) {
            return false; // no spare either: the connections wait in the backlog
        }
        closeQuietly(spare);
        spare = null;
        for (int i = 0; i < REFUSED_AT_ONCE; i++) {
            try {
                SocketChannel channel = handle.accept();
                if (channel == null) {
                    break; // none left waiting
                }
                refuse(channel, busyLine); // and closes it, freeing the descriptor for the next
                refused.run();
                refusedSinceWarning++;
            } catch (IOException e) {
                LOG.debug("refusing a connection while out of file descriptors: {}", e.toString());
                break;
            }
        }
        if (refusedSinceWarning > 0) {
            warnNowAndThen(); // none waiting (another processor took them): nothing refused, nothing to say
        }
        spare = openSpare();
        return true;
    }

    private void warnNowAndThen() {
        long now = System.nanoTime();
        if (now - lastWarningNanos >= WARN_EVERY_NANOS) {
            LOG.warn("out of file descriptors: {} connection(s) refused with ERR busy in the last {} s; raise the"
                    + " open-file limit (ulimit -n, LimitNOFILE=) or lower --max-connections", refusedSinceWarning,
                    TimeUnit.NANOSECONDS.toSeconds(now - lastWarningNanos));
            lastWarningNanos = now;
            refusedSinceWarning = 0;
        }
    }

    @Override
    protected void destroy() throws Exception {
        synchronized (this) {
            closeQuietly(spare);
            spare = null;
        }
        super.destroy();
    }

    private static MethodHandle sessionConstructor() {
        try {
            Constructor<?> constructor = Class.forName("org.apache.mina.transport.socket.nio.NioSocketSession")
                    .getConstructor(IoService.class, IoProcessor.class, SocketChannel.class);
            constructor.setAccessible(true); // public, in a class of MINA's package only
            return MethodHandles.lookup().unreflectConstructor(constructor).asType(MethodType.methodType(
                    NioSession.class, IoService.class, IoProcessor.class, SocketChannel.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this MINA has no NioSocketSession(IoService, IoProcessor, SocketChannel):"
                    + " run with MinaUse.STOCK", e);
        }
    }

    private static FileChannel openSpare() {
        try {
            return FileChannel.open(Path.of("/dev/null"), StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // no spare: connections wait in the backlog instead
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing /dev/null cannot fail in a way that matters
        }
    }
}
