package io.helo.server.admission;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each client connects, as Postfix's anvil and HAProxy's {@code conn_rate} count it: connections admitted
 * per window, over a sliding window (the previous window's count weighted by how much of it still overlaps, plus the
 * current one's), so that no burst of twice the limit fits across a window's edge. A client's entry is forgotten two
 * windows after its last connection: the table holds the clients that connected lately, nothing more.
 */
final class ConnectionRate {
    private final int max;
    private final long windowNanos;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

    /** At most {@code max} connections per {@code windowNanos}; {@code max} 0 admits all. */
    ConnectionRate(int max, long windowNanos) {
        this.max = max;
        this.windowNanos = windowNanos;
    }

    /** Counts a connection of {@code group} at {@code nowNanos} and returns true, or false if it is over the rate. */
    boolean tryAcquire(InetAddress group, long nowNanos) {
        if (max == 0) {
            return true;
        }
        boolean[] admitted = {false};
        windows.compute(group, (key, window) -> {
            Window current = window == null ? new Window(nowNanos) : window;
            admitted[0] = current.tryCount(nowNanos, max, windowNanos);
            return current;
        });
        return admitted[0];
    }

    /** Forgets the clients whose windows have both passed and whose refusals were taken by {@link #busiest}. */
    void forgetIdle(long nowNanos) {
        for (InetAddress group : windows.keySet()) {
            // atomic with tryAcquire's compute: a window counted meanwhile is not lost
            windows.computeIfPresent(group, (key, window) -> window.idleSince(nowNanos, windowNanos) ? null : window);
        }
    }

    /** The client refused most often since the last call, and how often; a null client if none was. */
    Busiest busiest() {
        Busiest busiest = new Busiest(null, 0);
        for (Map.Entry<InetAddress, Window> entry : windows.entrySet()) {
            long refused = entry.getValue().takeRefused();
            if (refused > busiest.refused()) {
                busiest = new Busiest(entry.getKey(), refused);
            }
        }
        return busiest;
    }

    /** Clients with an entry now. */
    int tracked() {
        return windows.size();
    }

    /** The client refused most often, and how often; a null client if none was. */
    record Busiest(InetAddress group, long refused) {
    }

    /** One client's counts: guarded by the map's {@code compute} for the key, and by its own monitor for the rest. */
    private static final class Window {
        private long start;
        private int previous;
        private int current;
        private long refused;

        Window(long nowNanos) {
            this.start = nowNanos;
        }

        synchronized boolean tryCount(long nowNanos, int max, long windowNanos) {
            long elapsed = nowNanos - start;
            if (elapsed >= 2 * windowNanos) {
                previous = 0;
                current = 0;
                start = nowNanos;
                elapsed = 0;
            } else if (elapsed >= windowNanos) {
                previous = current;
                current = 0;
                start += windowNanos;
                elapsed -= windowNanos;
            }
            double overlap = (double) (windowNanos - elapsed) / windowNanos;
            if (previous * overlap + current >= max) {
                refused++;
                return false;
            }
            current++;
            return true;
        }

        synchronized long takeRefused() {
            long taken = refused;
            refused = 0;
            return taken;
        }

        synchronized boolean idleSince(long nowNanos, long windowNanos) {
            return nowNanos - start >= 2 * windowNanos && refused == 0;
        }
    }
}
