package io.helo.server.transport.tuned;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's socket acceptor, which survives running out of file descriptors. Where MINA logs a stack trace twenty
 * times a second and leaves the connections waiting in the backlog, this one keeps a spare descriptor: it frees
 * it to accept the waiting connections one by one, sends each the busy line and closes it, then takes the spare
 * back, so that every connection gets an answer; and it says so in one WARN line at most every ten seconds. (The
 * server also serves no more connections than the open-file limit allows, so this is the last line of defence.)
 */
final class HeloSocketAcceptor extends NioSocketAcceptor {
    private static final Logger LOG = LoggerFactory.getLogger(HeloSocketAcceptor.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Connections refused in one go while out of descriptors. */
    private static final int REFUSED_AT_ONCE = 256;

    private final byte[] busyLine;
    private final Runnable refused;
    private FileChannel spare;
    private long lastWarningNanos = System.nanoTime() - WARN_EVERY_NANOS;
    private long refusedSinceWarning;

    /**
     * An acceptor for {@code processor} that answers {@code busyLine} when out of descriptors, and runs
     * {@code refused}.
     *
     * @param processor the I/O processor (pool) the accepted sessions are handed to
     * @param busyLine the octets sent to a connection refused for lack of descriptors, line end included
     * @param refused runs once for each connection so refused, e.g. to count it
     */
    public HeloSocketAcceptor(IoProcessor<NioSession> processor, byte[] busyLine, Runnable refused) {
        super(processor);
        this.busyLine = busyLine.clone();
        this.refused = refused;
        this.spare = openSpare();
    }

    @Override
    protected NioSession accept(IoProcessor<NioSession> processor, ServerSocketChannel handle) throws Exception {
        NioSession session = super.accept(processor, handle);
        if (session == null && handle != null && isAcceptable(handle)) {
            // a connection waits but MINA made no session of it: it could not accept (out of descriptors; it said
            // so on a logger turned off in logback.xml, and paused 50 ms)
            refuseWaiting(handle);
        }
        return session;
    }

    private boolean isAcceptable(ServerSocketChannel handle) {
        SelectionKey key = handle.keyFor(selector);
        return key != null && key.isValid() && key.isAcceptable();
    }

    /**
     * Out of descriptors: with the spare one, answers the connections waiting in the backlog, at most
     * {@link #REFUSED_AT_ONCE} (MINA pauses 50 ms before each time this runs).
     */
    private void refuseWaiting(ServerSocketChannel handle) {
        if (spare == null && (spare = openSpare()) == null) {
            return; // no spare either: the connections wait in the backlog
        }
        closeQuietly(spare);
        spare = null;
        for (int i = 0; i < REFUSED_AT_ONCE; i++) {
            try (SocketChannel channel = handle.accept()) {
                if (channel == null) {
                    break; // none left waiting
                }
                channel.write(ByteBuffer.wrap(busyLine));
                refused.run();
                refusedSinceWarning++;
            } catch (IOException e) {
                LOG.debug("refusing a connection while out of file descriptors: {}", e.toString());
                break;
            }
        }
        warnNowAndThen();
        spare = openSpare();
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
        closeQuietly(spare);
        super.destroy();
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
