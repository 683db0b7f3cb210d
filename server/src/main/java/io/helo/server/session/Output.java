package io.helo.server.session;

import io.helo.server.transport.DirectWriter;
import java.io.IOException;
import java.util.Arrays;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;

/**
 * How one connection's replies reach its client: each batch straight to the socket when that is safe and the server
 * is tuned so (see {@link DirectWriter}), through MINA's write queue otherwise and for whatever the socket does not take now; after the last
 * line, the {@link LingeringClose}. Used under the connection's lock.
 */
final class Output {
    private final IoSession session;
    private final Transport transport;
    private final DirectWriter directWriter;
    private final Connection connection;
    private final SessionContext context;
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
        int sent = nothingHeld && transport.writesAsIs() && directWriter.mayWrite(session)
                ? directWriter.write(session, batch.array(), length) : 0;
        if (sent == length) {
            if (last) {
                lingeringClose().lastLineWritten(true);
            }
            return;
        }
        WriteFuture written = session.write(IoBuffer.wrap(Arrays.copyOfRange(batch.array(), sent, length)));
        if (last) {
            written.addListener(lingeringClose());
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
}
