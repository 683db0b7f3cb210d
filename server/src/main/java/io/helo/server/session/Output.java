package io.helo.server.session;

import io.helo.server.transport.DirectWriter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;

/**
 * How one connection's replies reach its client: each batch straight to the socket when that is safe and the server
 * is tuned so (see {@link DirectWriter}), through MINA's write queue otherwise and for whatever the socket does not
 * take now; after the last line, the {@link LingeringClose}.
 *
 * <p>What goes through MINA is decided under the connection's lock but done outside it, in the order decided, by
 * {@link #flush()}. MINA's TLS filter calls back into the connection (an error, a write it rejects) while it holds a
 * lock of its own, and takes that lock for every write: a thread that wrote while holding the connection's lock
 * would wait for an I/O thread waiting for it. So nothing under the connection's lock ever calls into MINA's filter
 * chain; the queue keeps every write and close in the order decided, so nothing overtakes a reply and nothing
 * follows a session's last line. Used under the connection's lock, but for the flushes.
 */
final class Output {
    private final IoSession session;
    private final Transport transport;
    private final DirectWriter directWriter;
    private final Connection connection;
    private final SessionContext context;
    /** What is to be done to the session, in order, outside the connection's lock. */
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    /** A thread is doing the steps: the others leave theirs to it. */
    private boolean flushing;
    /** Reply octets decided and not yet handed to MINA, and their writes. */
    private long stepOctets;
    private int stepWrites;
    /** Made with the last line: most of a connection's life has none. */
    private volatile LingeringClose lingeringClose;

    Output(Connection connection, IoSession session, Transport transport, SessionContext context) {
        this.session = session;
        this.transport = transport;
        this.directWriter = context.directWriter();
        this.connection = connection;
        this.context = context;
    }

    /**
     * Writes {@code batch}. {@code drained}: nothing was waiting after its last line; {@code last}: it ends the
     * conversation; {@code nothingHeld}: no request waits for a next batch, which a sent write would start.
     *
     * @throws IOException if the socket failed; the caller closes the connection
     */
    void write(ReplyBatch batch, boolean drained, boolean last, boolean nothingHeld) throws IOException {
        int length = batch.length();
        if (length == 0) {
            return;
        }
        if (last) {
            lingeringClose().lastBatchDrained(drained);
        }
        // straight to the socket only if nothing decided before is still on its way to MINA
        int sent = nothingHeld && steps.isEmpty() && !flushing && transport.writesAsIs()
                && directWriter.mayWrite(session) ? directWriter.write(session, batch.array(), length) : 0;
        if (sent == length) {
            if (last) {
                LingeringClose ending = lingeringClose();
                then(() -> ending.lastLineWritten(true)); // it may close the session: not under the lock
            }
            return;
        }
        IoBuffer rest = IoBuffer.wrap(Arrays.copyOfRange(batch.array(), sent, length));
        LingeringClose ending = last ? lingeringClose() : null;
        steps.add(new Step(() -> {
            WriteFuture written = session.write(rest);
            if (ending != null) {
                written.addListener(ending);
            }
        }, length - sent));
        stepOctets += length - sent;
        stepWrites++;
    }

    /** Does {@code action} to the session (a close) after what was decided before it, outside the lock. */
    void then(Runnable action) {
        steps.add(new Step(action, -1));
    }

    /** The unsent replies as the flow control counts them: MINA's, and those not yet handed to it. */
    long unsent() {
        return transport.unsent(session) + transport.holds(stepOctets, stepWrites);
    }

    /**
     * Under the lock, at the end of an event: true if the caller is to do the steps decided, by {@link #flushClaimed()}
     * once it has released the lock; false if there are none, or another thread is doing them and will do these too.
     */
    boolean claim() {
        if (flushing || steps.isEmpty()) {
            return false;
        }
        flushing = true;
        return true;
    }

    /** As {@link #claim()} then {@link #flushClaimed()}; called without the lock. */
    void flush() {
        boolean claimed;
        synchronized (connection) {
            claimed = claim();
        }
        if (claimed) {
            flushClaimed();
        }
    }

    /**
     * Does the steps decided so far, and those decided meanwhile, in order; called without the connection's lock,
     * after {@link #claim()} said so. No thread ever waits for another here.
     */
    void flushClaimed() {
        Step step;
        synchronized (connection) {
            step = steps.poll();
        }
        RuntimeException failure = null;
        while (step != null) {
            try {
                step.action().run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e; // thrown once the rest is done: a close after it must not be lost
                }
            }
            synchronized (connection) {
                if (step.octets() >= 0) {
                    stepOctets -= step.octets(); // MINA counts them now
                    stepWrites--;
                }
                step = steps.poll();
                flushing = step != null;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The lingering close after the last line, made when first asked (under the connection's lock). */
    LingeringClose lingeringClose() {
        if (lingeringClose == null) {
            lingeringClose = new LingeringClose(connection, session, transport, context);
        }
        return lingeringClose;
    }

    /** True once the server has sent FIN and waits for the client's close. */
    boolean isLingering() {
        LingeringClose ending = lingeringClose;
        return ending != null && ending.isLingering();
    }

    /** One thing to do to the session: a write of {@code octets} reply octets, or a close ({@code -1}). */
    private record Step(Runnable action, int octets) {
    }
}
