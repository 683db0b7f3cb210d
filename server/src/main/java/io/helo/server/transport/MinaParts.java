package io.helo.server.transport;

import io.helo.server.MinaUse;
import io.helo.server.transport.tuned.Tuned;
import java.util.concurrent.Executor;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The MINA classes a server runs on, as its {@link MinaUse} says: the tuned ones of {@code transport.tuned}, which
 * reach into MINA's non-API members, or MINA's own. The one place that reads the switch; nothing else refers to
 * {@code transport.tuned}.
 */
public final class MinaParts {
    private final boolean tuned;

    private MinaParts(MinaUse use) {
        this.tuned = use == MinaUse.TUNED;
    }

    /**
     * The parts for {@code use}.
     *
     * @param use how the server uses MINA
     * @return the parts
     */
    public static MinaParts of(MinaUse use) {
        return new MinaParts(use);
    }

    /**
     * A pool of {@code count} I/O processors, each running its loop on a thread of {@code executor}.
     *
     * @param executor runs the processors' loops
     * @param count how many processors
     * @return the pool
     */
    public IoProcessor<NioSession> processors(Executor executor, int count) {
        return tuned ? Tuned.processors(executor, count) : new SimpleIoProcessorPool<>(NioProcessor.class, executor,
                count, null);
    }

    /**
     * The class of the I/O processors: the tuned one, or MINA's own.
     *
     * @return the processors' class
     */
    public Class<? extends NioProcessor> processorType() {
        return tuned ? Tuned.PROCESSOR : NioProcessor.class;
    }

    /**
     * The acceptor of the sessions of {@code processors} (made by {@link #processors}): MINA's own hands each
     * connection from its thread to a processor; with the tuned one the processors accept on their own threads, and it
     * answers {@code busyLine} to connections it can only take while out of file descriptors, and runs {@code
     * refused} for each.
     *
     * @param processors the I/O processors
     * @param busyLine the line for a connection refused for lack of descriptors, line end included
     * @param refused runs once for each connection so refused
     * @return the acceptor
     */
    public NioSocketAcceptor acceptor(IoProcessor<NioSession> processors, byte[] busyLine, Runnable refused) {
        return tuned ? Tuned.acceptor(processors, busyLine, refused) : new NioSocketAcceptor(processors);
    }

    /**
     * Has {@code gate} decide about each connection as it is accepted, before its session is made, with the tuned
     * acceptor; MINA's own makes a session of every connection, and leaves the decision to it.
     *
     * @param acceptor the acceptor, made by {@link #acceptor}
     * @param gate decides about each connection
     */
    public void gate(NioSocketAcceptor acceptor, AcceptGate gate) {
        if (tuned) {
            Tuned.gate(acceptor, gate);
        }
    }

    /**
     * What writes replies past MINA's write queue: the tuned direct write, or {@link DirectWriter#NONE}.
     *
     * @param counted runs once for each direct write, for the counters
     * @return the writer
     */
    public DirectWriter directWriter(Runnable counted) {
        return tuned ? Tuned.directWriter(counted) : DirectWriter.NONE;
    }
}
