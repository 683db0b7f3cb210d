package io.helo.server.transport.tuned;

import io.helo.server.transport.AcceptGate;
import io.helo.server.transport.DirectWriter;
import java.util.concurrent.Executor;
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
     * {@code count} tuned I/O processors, each running its loop on a thread of {@code executor}.
     *
     * @param executor runs the processors' loops
     * @param count how many processors
     * @return the processors, for {@link #acceptor}
     */
    public static IoProcessor<NioSession> processors(Executor executor, int count) {
        return new HeloProcessors(executor, count);
    }

    /**
     * The acceptor whose connections the processors accept, and which answers connections while out of file
     * descriptors.
     *
     * @param processors the I/O processors, made by {@link #processors}
     * @param busyLine the line for a connection refused for lack of descriptors, line end included
     * @param refused runs once for each connection so refused
     * @return the acceptor
     * @throws IllegalArgumentException if the processors are not the tuned ones
     */
    public static NioSocketAcceptor acceptor(IoProcessor<NioSession> processors, byte[] busyLine, Runnable refused) {
        if (!(processors instanceof HeloProcessors tuned)) {
            throw new IllegalArgumentException("the tuned acceptor needs the tuned processors");
        }
        return new HeloSocketAcceptor(tuned, busyLine, refused);
    }

    /**
     * Has {@code gate} decide about each connection {@code acceptor} (made by {@link #acceptor}) accepts, before its
     * session is made.
     *
     * @param acceptor the tuned acceptor
     * @param gate decides about each connection
     * @throws IllegalArgumentException if the acceptor is not the tuned one
     */
    public static void gate(NioSocketAcceptor acceptor, AcceptGate gate) {
        if (!(acceptor instanceof HeloSocketAcceptor tuned)) {
            throw new IllegalArgumentException("only the tuned acceptor has a gate");
        }
        tuned.gate(gate);
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
