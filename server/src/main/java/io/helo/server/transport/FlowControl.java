package io.helo.server.transport;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.IoSession;

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
    private volatile long leaked;
    private volatile long heldBeyondOctets;

    /**
     * At most {@code maxUnsent} unsent octets per connection of {@code service}, and {@code budget} in all.
     *
     * @param service the service whose unsent replies MINA counts
     * @param maxUnsent unsent octets above which a connection pauses
     * @param budget octets held for all connections together above which no connection with unsent replies goes on
     */
    public FlowControl(IoService service, long maxUnsent, long budget) {
        this.service = service;
        this.maxUnsent = maxUnsent;
        this.budget = budget;
    }

    /**
     * True if a connection reading along, with {@code unsent} octets unsent, may go on.
     *
     * @param unsent the connection's unsent reply octets
     * @return true if it may be read and answered further
     */
    public boolean mayGoOn(long unsent) {
        return unsent <= maxUnsent && (unsent == 0 || held() <= budget);
    }

    /**
     * True if a paused connection with {@code unsent} octets unsent may be read again.
     *
     * @param unsent the connection's unsent reply octets
     * @return true if it may be read again
     */
    public boolean mayResume(long unsent) {
        return unsent <= maxUnsent / 2 && (unsent == 0 || held() <= budget);
    }

    /**
     * Counts again what the connections hold, from the connections themselves: MINA's count for the whole service
     * keeps, for good, what a connection closed with half written, and does not know what a write holds beyond its
     * octets (a TLS write does). Called once a second; between calls the service's count moves with every write.
     *
     * @param sessions every open connection
     * @param unsent what a connection's unsent writes hold, its octets included
     */
    public void recount(Collection<IoSession> sessions, ToLongFunction<IoSession> unsent) {
        long counted = service.getStatistics().getScheduledWriteBytes();
        long octets = 0;
        long beyond = 0;
        for (IoSession session : sessions) {
            long scheduled = session.getScheduledWriteBytes();
            octets += scheduled;
            beyond += unsent.applyAsLong(session) - scheduled;
        }
        leaked = Math.max(0, counted - octets);
        heldBeyondOctets = beyond;
    }

    /**
     * Counts {@code delta} more octets of requests read and not yet answered (negative: fewer).
     *
     * @param delta the change in octets held, negative once requests are answered
     */
    public void holdRequests(long delta) {
        heldRequests.addAndGet(delta);
    }

    /**
     * The octets held now for all connections: unsent replies and unanswered requests.
     *
     * @return the octets held
     */
    public long held() {
        return Math.max(0, service.getStatistics().getScheduledWriteBytes() - leaked) + heldBeyondOctets + heldRequests.get();
    }
}
