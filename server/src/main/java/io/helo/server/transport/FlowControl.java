package io.helo.server.transport;

import io.helo.server.tls.TlsGate;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
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
    /**
     * What one unsent write of a TLS session holds beyond its octets: MINA's TLS filter encrypts each reply into a
     * buffer of whole TLS packets (16 KiB and a little more each), one more than the reply fills, however short it
     * is, and MINA counts only the encrypted octets.
     */
    static final long TLS_WRITE_HOLDS = 17 * 1024;

    private final IoService service;
    private final long maxUnsent;
    private final long budget;
    private final AtomicLong heldRequests = new AtomicLong();
    private volatile long leaked;
    private volatile long tlsSlack;

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
     * A connection's unsent replies as the heap holds them: MINA's count of unsent octets, and for a TLS session a TLS
     * packet more per unsent write, so that a client that reads nothing pauses after a few writes however short.
     *
     * @param session the connection
     * @param tls whether it came to a TLS port (its writes are TLS records, once it spoke TLS)
     * @return its unsent octets
     */
    public static long unsent(IoSession session, boolean tls) {
        long octets = session.getScheduledWriteBytes();
        return tls ? octets + session.getScheduledWriteMessages() * TLS_WRITE_HOLDS : octets;
    }

    /**
     * Counts again what the connections hold, from the connections themselves: MINA's count for the whole service
     * keeps, for good, what a connection closed with half written, and does not know what a TLS write holds beyond
     * its octets. Called once a second; between calls the service's count moves with every write.
     *
     * @param sessions every open connection
     */
    public void recount(Collection<IoSession> sessions) {
        long counted = service.getStatistics().getScheduledWriteBytes();
        long octets = 0;
        long slack = 0;
        for (IoSession session : sessions) {
            octets += session.getScheduledWriteBytes();
            if (TlsGate.isAtTlsPort(session)) {
                slack += session.getScheduledWriteMessages() * TLS_WRITE_HOLDS;
            }
        }
        leaked = Math.max(0, counted - octets);
        tlsSlack = slack;
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
        return Math.max(0, service.getStatistics().getScheduledWriteBytes() - leaked) + tlsSlack + heldRequests.get();
    }
}
