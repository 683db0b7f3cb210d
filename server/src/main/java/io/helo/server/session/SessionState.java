package io.helo.server.session;

import io.helo.codec.LineFramer;
import io.helo.codec.SocketAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * What the server keeps per session. Its monitor orders the session's work: every pass over its input, every write
 * and every line the server sends on its own (idle, shutdown) happen while holding it, so nothing overtakes a reply
 * and nothing follows a session's last line.
 */
final class SessionState {
    private static final AttributeKey KEY = new AttributeKey(SessionState.class, "state");

    final Conversation conversation;
    final LineFramer framer;
    final InetSocketAddress client;
    final InetAddress address;
    final long openedNanos;
    /** A proxy's own connection, such as a health check: its lines are logged at DEBUG. */
    final boolean quiet;
    /** What the connection's port changes for it, decided when it was made. */
    final Transport transport;
    /** When the last complete request was read, in MINA's milliseconds. */
    volatile long lastRequestMillis = System.currentTimeMillis();
    volatile long lingeringSinceNanos;
    /** Admitted sessions are counted by the limits until they close. */
    boolean admitted;
    /** Reading is suspended: replies are not being taken, or requests wait in {@link #held}. */
    boolean paused;
    /** Nothing was read yet: the first octets are checked for another protocol. */
    boolean fresh = true;
    /** The last line answered the end of the client's input: nothing was waiting after it when it was read. */
    boolean drainedAtEnd;
    /** Octets received after the last line, while lingering: discarded, and bounded. */
    long discarded;
    /** Octets of held requests this session counts in the server's budget. */
    long heldAccounted;
    /** When octets last arrived while a line waits for its line end. */
    long lastOctetsNanos;
    /** The pending check for the quiet period's silence, if any. */
    ScheduledFuture<?> silenceCheck;
    private byte[] held;
    private int heldFrom;
    private int heldTo;

    private String peer;

    SessionState(Conversation conversation, LineFramer framer, InetSocketAddress client, boolean quiet,
            Transport transport) {
        this.conversation = conversation;
        this.framer = framer;
        this.client = client;
        this.address = client.getAddress();
        this.quiet = quiet;
        this.transport = transport;
        this.openedNanos = System.nanoTime();
    }

    /** The client as log lines name it, {@code 192.0.2.1:50000} or {@code [::1]:50000}; made when first logged. */
    String peer() {
        if (peer == null) {
            peer = SocketAddresses.format(client);
        }
        return peer;
    }

    /** Keeps this as the state of {@code session}. */
    void attachTo(IoSession session) {
        session.setAttribute(KEY, this);
    }

    /** The state of {@code session}, or null for a session the handler never set up. */
    static SessionState of(IoSession session) {
        return (SessionState) session.getAttribute(KEY);
    }

    /** Octets of requests read but not yet answered. */
    int heldLength() {
        return heldTo - heldFrom;
    }

    /** The held octets, {@code heldArray()[heldFrom(), heldFrom() + heldLength())}. */
    byte[] heldArray() {
        return held;
    }

    int heldFrom() {
        return heldFrom;
    }

    /** Keeps {@code bytes[from, to)}, not yet answered, behind what is already held; returns the octets added. */
    int hold(byte[] bytes, int from, int to) {
        if (heldLength() == 0) {
            held = Arrays.copyOfRange(bytes, from, to); // exact size: nothing of MINA's read buffer is kept
            heldFrom = 0;
            heldTo = held.length;
        } else {
            byte[] joined = Arrays.copyOfRange(held, heldFrom, heldTo + (to - from));
            System.arraycopy(bytes, from, joined, heldLength(), to - from);
            held = joined;
            heldFrom = 0;
            heldTo = joined.length;
        }
        return to - from;
    }

    /** Marks the held octets up to {@code index} answered; returns how many that was. */
    int consumeHeldTo(int index) {
        int count = index - heldFrom;
        heldFrom = index;
        if (heldFrom == heldTo) {
            held = null;
            heldFrom = 0;
            heldTo = 0;
        }
        return count;
    }

    /** Forgets every held octet; returns how many there were. */
    int dropHeld() {
        return consumeHeldTo(heldTo);
    }

    /** Suspends reading the session, unless it is suspended already. */
    void pauseReading(IoSession session) {
        if (!paused) {
            paused = true;
            session.suspendRead();
        }
    }

    /** Resumes reading the session, if it was suspended. */
    void resumeReading(IoSession session) {
        if (paused) {
            paused = false;
            session.resumeRead();
        }
    }
}
