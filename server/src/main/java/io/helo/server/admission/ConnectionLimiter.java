package io.helo.server.admission;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections, in all and per client address, and refuses those over a limit. */
final class ConnectionLimiter {
    private volatile int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new connection from {@code address} and returns null, or counts nothing and says which limit. */
    Refusal tryAcquire(InetAddress address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Refusal.TOO_MANY_CONNECTIONS;
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
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

    /** Forgets one connection from {@code address} that {@link #tryAcquire} admitted. */
    void release(InetAddress address) {
        perAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
        total.decrementAndGet();
    }

    /** Connections counted now. */
    int total() {
        return total.get();
    }

    /** Client addresses with at least one connection counted now. */
    int addresses() {
        return perAddress.size();
    }
}
