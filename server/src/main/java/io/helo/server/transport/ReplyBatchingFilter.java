package io.helo.server.transport;

import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;

/**
 * Sends the replies to all the requests of one read as one write: one system call and one trip through MINA's
 * write queue instead of one per reply, which is what a client pipelining requests pays for otherwise.
 *
 * <p>Sits next to the head of the chain, below the codec, so it sees encoded bytes. While a read is being
 * handled, encoded writes are held; when the read is done they are merged and written, and the original
 * requests' futures and {@code messageSent} events follow the merged write. Writes from other threads during
 * a read join the batch, so nothing overtakes a reply.
 */
public final class ReplyBatchingFilter extends IoFilterAdapter {
    private static final AttributeKey BATCH = new AttributeKey(ReplyBatchingFilter.class, "batch");

    /** The writes held during one read of one session; its monitor orders them against foreign writes. */
    private static final class Batch {
        boolean reading;
        final List<WriteRequest> held = new ArrayList<>(16);
    }

    /** A write that stands for several held ones. */
    private static final class MergedWriteRequest extends DefaultWriteRequest {
        final List<WriteRequest> parts;

        MergedWriteRequest(IoBuffer merged, WriteFuture future, List<WriteRequest> parts) {
            super(merged, future);
            this.parts = parts;
        }
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        session.setAttribute(BATCH, new Batch());
        next.sessionCreated(session);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        Batch batch = (Batch) session.getAttribute(BATCH);
        synchronized (batch) {
            batch.reading = true;
        }
        try {
            next.messageReceived(session, message);
        } finally {
            synchronized (batch) {
                batch.reading = false;
                flush(next, session, batch);
            }
        }
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        Batch batch = (Batch) session.getAttribute(BATCH);
        if (batch != null && request.getMessage() instanceof IoBuffer) {
            synchronized (batch) {
                if (batch.reading) {
                    batch.held.add(request);
                    return;
                }
                next.filterWrite(session, request); // under the monitor: cannot overtake a flush in progress
                return;
            }
        }
        next.filterWrite(session, request);
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (request instanceof MergedWriteRequest) {
            for (WriteRequest part : ((MergedWriteRequest) request).parts) {
                part.getFuture().setWritten();
                if (!part.isEncoded()) {
                    next.messageSent(session, part);
                }
            }
            return;
        }
        next.messageSent(session, request);
    }

    private static void flush(NextFilter next, IoSession session, Batch batch) {
        List<WriteRequest> held = batch.held;
        if (held.isEmpty()) {
            return;
        }
        if (held.size() == 1) {
            next.filterWrite(session, held.get(0));
            held.clear();
            return;
        }
        int length = 0;
        for (WriteRequest request : held) {
            length += ((IoBuffer) request.getMessage()).remaining();
        }
        IoBuffer merged = IoBuffer.allocate(length);
        for (WriteRequest request : held) {
            IoBuffer part = (IoBuffer) request.getMessage();
            merged.put(part.buf().duplicate());
        }
        merged.flip();
        List<WriteRequest> parts = new ArrayList<>(held);
        held.clear();
        WriteFuture future = new DefaultWriteFuture(session);
        future.addListener(done -> {
            if (!((WriteFuture) done).isWritten()) {
                for (WriteRequest part : parts) {
                    part.getFuture().setException(((WriteFuture) done).getException());
                }
            }
        });
        next.filterWrite(session, new MergedWriteRequest(merged, future, parts));
    }
}
