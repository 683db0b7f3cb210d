package io.helo.server.transport;

import java.net.InetSocketAddress;
import org.apache.mina.core.session.AttributeKey;

/**
 * Decides about a connection the moment it is accepted, before a MINA session and its filter chain exist: a flood of
 * connections over the limits then costs the accept, one write and a close each, on the thread that accepted it.
 * Only the tuned acceptor asks it; with MINA's own, every connection becomes a session and the session decides.
 */
@FunctionalInterface
public interface AcceptGate {
    /** Leaves every connection to its session. */
    AcceptGate NONE = (remote, listening) -> Verdict.UNDECIDED;

    /** Marks a session whose connection the gate admitted (and counted): its session must not admit it again. */
    AttributeKey ADMITTED = new AttributeKey(AcceptGate.class, "admitted");

    /**
     * What becomes of a connection just accepted; called on an I/O thread, so it must not block.
     *
     * @param remote the peer's address
     * @param listening the address of the listening socket that accepted it, as bound
     * @return the verdict
     */
    Verdict decide(InetSocketAddress remote, InetSocketAddress listening);

    /** A gate's decision: serve it (counted), leave it to the session, or send a closing line and close. */
    final class Verdict {
        /** The session decides, as without a gate (e.g. the client is known only after a PROXY header). */
        public static final Verdict UNDECIDED = new Verdict(null);
        /** Admitted and counted: the session is made with {@link #ADMITTED} set. */
        public static final Verdict ADMITTED = new Verdict(null);

        private final byte[] line;

        private Verdict(byte[] line) {
            this.line = line;
        }

        /**
         * Refused: {@code line} is sent with one non-blocking write, then the connection is closed.
         *
         * @param line the closing line's octets, line end included
         * @return the verdict, to be kept and reused
         */
        public static Verdict refuse(byte[] line) {
            return new Verdict(line.clone());
        }

        /**
         * The closing line of a refusal.
         *
         * @return its octets (not to be changed), or null if the connection is served
         */
        public byte[] line() {
            return line;
        }
    }
}
