package io.helo.server.session;

import io.helo.codec.ErrorReason;
import org.apache.mina.core.session.IoSession;

/**
 * What a connection's port changes for it, decided once, when the connection is made: plaintext, or a TLS port's
 * (whose client may still turn out to speak plaintext). Nothing else in a session asks which it is.
 */
public interface Transport {
    /** The plaintext port's: replies go to the socket as they are, and the connection simply closes. */
    Transport PLAINTEXT = new Plaintext();

    /**
     * True if nothing between the handler and the socket transforms or holds what is written, so that replies may
     * be written to the socket directly.
     *
     * @return true for plaintext
     */
    boolean writesAsIs();

    /**
     * The connection's unsent replies as the heap holds them, for the flow control.
     *
     * @param session the connection
     * @return its unsent octets, and what its unsent writes hold beyond them
     */
    long unsent(IoSession session);

    /**
     * What {@code writes} writes of {@code octets} reply octets in all hold once queued, as {@link #unsent} counts
     * them: for writes decided and not yet handed to MINA.
     *
     * @param octets their reply octets
     * @param writes how many writes they are
     * @return what they hold
     */
    long holds(long octets, int writes);

    /**
     * The closing line owed to a client whose first octets do not belong at this port.
     *
     * @param session the connection, whose first octets have just arrived
     * @return the reason to close with, or null if the client may go on
     */
    ErrorReason refusal(IoSession session);

    /**
     * True if the client took too long to make the connection usable (a TLS handshake begun and not completed).
     *
     * @param session the connection
     * @param nowMillis the wall clock, as MINA's session times are
     * @return true if it is to be closed for that
     */
    boolean tooLateToBegin(IoSession session, long nowMillis);

    /**
     * Ends what the transport adds to the connection once its last line was written, then runs {@code thenClose}.
     *
     * @param session the connection
     * @param thenClose closes the connection itself; run once the transport's own ending is on its way
     * @return false if there was nothing to end, and {@code thenClose} was not run
     */
    boolean endAfterLastLine(IoSession session, Runnable thenClose);

    /**
     * Closes, without a closing line, a connection that ended for {@code reason}: it failed, or took too long.
     *
     * @param session the connection
     * @param reason why it ends
     */
    void cut(IoSession session, EndReason reason);

    /** The plaintext port's transport. */
    final class Plaintext implements Transport {
        private Plaintext() {
        }

        @Override
        public boolean writesAsIs() {
            return true;
        }

        @Override
        public long unsent(IoSession session) {
            return session.getScheduledWriteBytes();
        }

        @Override
        public long holds(long octets, int writes) {
            return octets;
        }

        @Override
        public ErrorReason refusal(IoSession session) {
            return null;
        }

        @Override
        public boolean tooLateToBegin(IoSession session, long nowMillis) {
            return false;
        }

        @Override
        public boolean endAfterLastLine(IoSession session, Runnable thenClose) {
            return false;
        }

        @Override
        public void cut(IoSession session, EndReason reason) {
            session.closeNow();
        }
    }
}
