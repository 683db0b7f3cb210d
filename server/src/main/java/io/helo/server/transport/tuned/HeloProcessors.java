package io.helo.server.transport.tuned;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * The server's I/O processors. Each accepts its own sessions, which name it as their processor, so MINA calls it
 * directly; this pool only hands on what is asked of it for a session of another kind, and disposes of them all.
 */
final class HeloProcessors implements IoProcessor<NioSession> {
    private final List<HeloNioProcessor> processors;

    /** {@code count} processors, each running its loop on a thread of {@code executor}. */
    HeloProcessors(Executor executor, int count) {
        List<HeloNioProcessor> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            made.add(new HeloNioProcessor(executor));
        }
        this.processors = List.copyOf(made);
    }

    /** Every processor, each of which accepts on every bound socket. */
    List<HeloNioProcessor> all() {
        return processors;
    }

    private HeloNioProcessor of(IoSession session) {
        return processors.get((int) Math.floorMod(session.getId(), (long) processors.size()));
    }

    @Override
    public boolean isDisposing() {
        return processors.get(0).isDisposing();
    }

    @Override
    public boolean isDisposed() {
        return processors.stream().allMatch(HeloNioProcessor::isDisposed);
    }

    @Override
    public void dispose() {
        processors.forEach(HeloNioProcessor::dispose);
    }

    @Override
    public void add(NioSession session) {
        of(session).add(session);
    }

    @Override
    public void flush(NioSession session) {
        of(session).flush(session);
    }

    @Override
    public void write(NioSession session, WriteRequest writeRequest) {
        of(session).write(session, writeRequest);
    }

    @Override
    public void updateTrafficControl(NioSession session) {
        of(session).updateTrafficControl(session);
    }

    @Override
    public void remove(NioSession session) {
        of(session).remove(session);
    }
}
