package io.helo.server.transport;

import java.io.IOException;
import org.apache.mina.core.session.IoSession;

/** Writes replies straight to a session's socket, past MINA's write queue, where that is safe; or never does. */
public interface DirectWriter {
    /** Never writes directly: every reply goes through MINA's write queue, as MINA's API has it. */
    DirectWriter NONE = new DirectWriter() {
        @Override
        public boolean mayWrite(IoSession session) {
            return false;
        }

        @Override
        public int write(IoSession session, byte[] bytes, int length) {
            throw new UnsupportedOperationException("no direct writes");
        }
    };

    /**
     * True if replies may go straight to the socket of {@code session} now (the caller knows that no filter
     * transforms what is written and that nothing waits for a next batch).
     *
     * @param session the session to write to
     * @return true if a direct write may be made
     */
    boolean mayWrite(IoSession session);

    /**
     * Writes what the socket takes of {@code bytes[0, length)}, counted as MINA counts its own writes.
     *
     * @param session the session to write to, for which {@link #mayWrite} said yes
     * @param bytes the replies
     * @param length how many octets of them
     * @return how many the socket took
     * @throws IOException if the connection failed
     */
    int write(IoSession session, byte[] bytes, int length) throws IOException;
}
