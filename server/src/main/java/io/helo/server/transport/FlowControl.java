package io.helo.server.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When a connection may be read and answered: not while its unsent replies exceed the per-connection threshold (it
 * resumes once they fall to half of it), and, while the octets the server holds for all connections together exceed
 * the server's budget, not while it has any unsent reply at all. A connection with nothing unsent may always go on,
 * so a client that reads its replies is never held up by one that does not.
 */
public final class FlowControl {
    private final long maxUnsent;
    private final long budget;
    private final AtomicLong held = new AtomicLong();

    /** At most {@code maxUnsent} unsent octets per connection, and {@code budget} held octets in all. */
    public FlowControl(long maxUnsent, long budget) {
        this.maxUnsent = maxUnsent;
        this.budget = budget;
    }

    /** True if a connection reading along, with {@code unsent} octets unsent, may go on. */
    public boolean mayGoOn(long unsent) {
        return unsent <= maxUnsent && (unsent == 0 || held.get() <= budget);
    }

    /** True if a paused connection with {@code unsent} octets unsent may be read again. */
    public boolean mayResume(long unsent) {
        return unsent <= maxUnsent / 2 && (unsent == 0 || held.get() <= budget);
    }

    /** Adds {@code delta} octets (negative to release them) to what the server holds for its connections. */
    public void account(long delta) {
        held.addAndGet(delta);
    }

    /** The octets held now for all connections: unsent replies and unanswered requests. */
    public long held() {
        return held.get();
    }
}
