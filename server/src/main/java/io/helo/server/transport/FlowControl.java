package io.helo.server.transport;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.service.IoService;

/**
 * When a connection may be read and answered: not while its unsent replies exceed the per-connection threshold (it
 * resumes once they fall to half of it), and, while the octets the server holds for all connections together exceed
 * the server's budget, not while it has any unsent reply at all. A connection with nothing unsent may always go on,
 * so a client that reads its replies is never held up by one that does not.
 *
 * <p>The octets held are MINA's own count of unsent replies, which it keeps for every write anyway, plus the
 * requests read and not yet answered, counted here.
 */
public final class FlowControl {
    private final IoService service;
    private final long maxUnsent;
    private final long budget;
    private final AtomicLong heldRequests = new AtomicLong();

    /** At most {@code maxUnsent} unsent octets per connection of {@code service}, and {@code budget} in all. */
    public FlowControl(IoService service, long maxUnsent, long budget) {
        this.service = service;
        this.maxUnsent = maxUnsent;
        this.budget = budget;
    }

    /** True if a connection reading along, with {@code unsent} octets unsent, may go on. */
    public boolean mayGoOn(long unsent) {
        return unsent <= maxUnsent && (unsent == 0 || held() <= budget);
    }

    /** True if a paused connection with {@code unsent} octets unsent may be read again. */
    public boolean mayResume(long unsent) {
        return unsent <= maxUnsent / 2 && (unsent == 0 || held() <= budget);
    }

    /** Counts {@code delta} more octets of requests read and not yet answered (negative: fewer). */
    public void holdRequests(long delta) {
        heldRequests.addAndGet(delta);
    }

    /** The octets held now for all connections: unsent replies and unanswered requests. */
    public long held() {
        return Math.max(0, service.getStatistics().getScheduledWriteBytes()) + heldRequests.get();
    }
}
