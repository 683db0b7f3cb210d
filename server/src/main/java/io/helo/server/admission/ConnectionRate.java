package io.helo.server.admission;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How often each client connects, as Postfix's anvil and HAProxy's {@code conn_rate} count it: connections admitted
 * per window, over a sliding window (the previous window's count weighted by how much of it still overlaps, plus the
 * current one's), so that no burst of twice the limit fits across a window's edge. A client's entry is forgotten two
 * windows after its last connection: the table holds the clients that connected lately, nothing more. And at most
 * {@code capacity} of them, however many networks connect within two windows (an IPv6 attacker has many /64s): when
 * full, a new client first makes the table forget the idle ones, then the eighth that connected least recently, as
 * HAProxy's stick-table forgets its oldest entries; a forgotten client starts afresh, which is what the bound costs.
 */
final class ConnectionRate {
    private final int max;
    private final long windowNanos;
    private final int capacity;
    private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();
    private final LongAdder evicted = new LongAdder();

    /** At most {@code max} connections per {@code windowNanos} for each of at most {@code capacity} clients. */
    ConnectionRate(int max, long windowNanos, int capacity) {
        this.max = max;
        this.windowNanos = windowNanos;
        this.capacity = capacity;
    }

    /** Counts a connection of {@code group} at {@code nowNanos} and returns true, or false if it is over the rate. */
    boolean tryAcquire(InetAddress group, long nowNanos) {
        if (max == 0) {
            return true;
        }
        if (windows.size() >= capacity && !windows.containsKey(group)) {
            makeRoom(nowNanos);
        }
        boolean[] admitted = {false};
        windows.compute(group, (key, window) -> {
            Window current = window == null ? new Window(nowNanos) : window;
            admitted[0] = current.tryCount(nowNanos, max, windowNanos);
            return current;
        });
        return admitted[0];
    }

    /**
     * The table is full: forgets the idle clients, and if that is not enough an eighth of it, those that connected
     * least recently, so that the cost (a pass over the table) is paid once per eighth of it, not per connection.
     */
    private synchronized void makeRoom(long nowNanos) {
        if (windows.size() < capacity) {
            return; // another thread made room meanwhile
        }
        int before = windows.size();
        forgetIdle(nowNanos);
        int target = capacity - Math.max(1, capacity / 8);
        if (windows.size() > target) {
            List<Map.Entry<InetAddress, Window>> entries = new ArrayList<>(windows.entrySet());
            entries.sort(Comparator.comparingLong(entry -> entry.getValue().lastNanos()));
            for (int i = 0; i < entries.size() && windows.size() > target; i++) {
                windows.remove(entries.get(i).getKey(), entries.get(i).getValue());
            }
        }
        evicted.add(Math.max(0, before - windows.size()));
    }

    /** Clients forgotten so far because the table was full. */
    long evicted() {
        return evicted.sum();
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

    /** The most clients the table holds. */
    int capacity() {
        return capacity;
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
        private volatile long last;
        private int previous;
        private int current;
        private long refused;

        Window(long nowNanos) {
            this.start = nowNanos;
            this.last = nowNanos;
        }

        long lastNanos() {
            return last;
        }

        synchronized boolean tryCount(long nowNanos, int max, long windowNanos) {
            last = nowNanos;
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
