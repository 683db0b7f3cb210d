package io.helo.server.session;

import io.helo.server.transport.FlowControl;
import java.util.Arrays;
import org.apache.mina.core.session.IoSession;

/**
 * A connection's requests read but not yet answered, held as octets and counted in the server's budget, and whether
 * its reading is suspended (for them, or for its unsent replies). Used under the connection's lock.
 */
final class Backlog {
    private final IoSession session;
    private final FlowControl flow;
    private byte[] held;
    private int heldFrom;
    private int heldTo;
    /** Octets this connection counts in the server's budget. */
    private long accounted;
    private boolean paused;

    Backlog(IoSession session, FlowControl flow) {
        this.session = session;
        this.flow = flow;
    }

    /** Octets of requests read but not yet answered. */
    int length() {
        return heldTo - heldFrom;
    }

    /** The held octets, {@code array()[from(), from() + length())}. */
    byte[] array() {
        return held;
    }

    int from() {
        return heldFrom;
    }

    /** Keeps {@code bytes[from, to)}, not yet answered, behind what is already held. */
    void hold(byte[] bytes, int from, int to) {
        if (length() == 0) {
            held = Arrays.copyOfRange(bytes, from, to); // exact size: nothing of MINA's read buffer is kept
        } else {
            byte[] joined = Arrays.copyOfRange(held, heldFrom, heldTo + (to - from));
            System.arraycopy(bytes, from, joined, length(), to - from);
            held = joined;
        }
        heldFrom = 0;
        heldTo = held.length;
        account(to - from);
    }

    /** Marks the held octets up to {@code index} answered. */
    void consumeTo(int index) {
        account(-forget(index));
    }

    /** Forgets every held octet: the conversation ended. */
    void drop() {
        account(-forget(heldTo));
    }

    /** The connection closed: nothing it held counts any more. */
    void release() {
        forget(heldTo);
        account(-accounted);
    }

    private int forget(int index) {
        int count = index - heldFrom;
        heldFrom = index;
        if (heldFrom == heldTo) {
            held = null;
            heldFrom = 0;
            heldTo = 0;
        }
        return count;
    }

    private void account(long delta) {
        accounted += delta;
        flow.holdRequests(delta);
    }

    /** True while reading is suspended. */
    boolean isPaused() {
        return paused;
    }

    /** Suspends reading the session, unless it is suspended already. */
    void pause() {
        if (!paused) {
            paused = true;
            session.suspendRead();
        }
    }

    /** Resumes reading the session, if it was suspended. */
    void resume() {
        if (paused) {
            paused = false;
            session.resumeRead();
        }
    }
}
