package io.helo.server.admission;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections, in all and per client, and refuses those over a limit. */
final class ConnectionLimiter {
    private volatile int maxTotal;
    private final int maxPerClient;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxTotal, int maxPerClient) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /**
     * Counts a new connection of the client {@code group} (null: one no per-client limit applies to) and returns
     * null, or counts nothing and says which limit.
     */
    Refusal tryAcquire(InetAddress group) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Refusal.TOO_MANY_CONNECTIONS;
        }
        if (group == null) {
            return null;
        }
        boolean[] admitted = {false};
        perClient.compute(group, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerClient) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Refusal.TOO_MANY_FROM_ADDRESS;
        }
        return null;
    }

    /** Lowers the limit on connections in all to {@code max}, e.g. to what the open-file limit allows. */
    void capTotal(int max) {
        maxTotal = Math.min(maxTotal, max);
    }

    /** The limit on connections in all. */
    int maxTotal() {
        return maxTotal;
    }

    /** Forgets one connection of the client {@code group} (as given to {@link #tryAcquire}) that it admitted. */
    void release(InetAddress group) {
        if (group != null) {
            perClient.computeIfPresent(group, (key, count) -> count == 1 ? null : count - 1);
        }
        total.decrementAndGet();
    }

    /** Connections counted now. */
    int total() {
        return total.get();
    }

    /** Clients (as grouped, exempt ones aside) with at least one connection counted now. */
    int clients() {
        return perClient.size();
    }
}
