package io.helo.server.transport.tuned;

import io.helo.server.transport.DirectWriter;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/** The tuned parts, for {@code MinaParts}, which chooses between them and MINA's own. */
public final class Tuned {
    /** The NIO processor without the wasted system calls. */
    public static final Class<HeloNioProcessor> PROCESSOR = HeloNioProcessor.class;

    private Tuned() {
    }

    /**
     * The acceptor that answers connections while out of file descriptors.
     *
     * @param processors the I/O processors
     * @param busyLine the line for a connection refused for lack of descriptors, line end included
     * @param refused runs once for each connection so refused
     * @return the acceptor
     */
    public static NioSocketAcceptor acceptor(IoProcessor<NioSession> processors, byte[] busyLine, Runnable refused) {
        return new HeloSocketAcceptor(processors, busyLine, refused);
    }

    /**
     * The direct write of replies past MINA's write queue.
     *
     * @param counted runs once for each direct write
     * @return the writer
     */
    public static DirectWriter directWriter(Runnable counted) {
        return new DirectWrite(counted);
    }
}
