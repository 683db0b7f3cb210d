package io.helo.server;

import java.util.concurrent.atomic.LongAdder;

/** Totals since the server started, updated without contention from every I/O thread. */
final class ServerStats {
    private final LongAdder connections = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder requests = new LongAdder();

    void connectionAccepted() {
        connections.increment();
    }

    void connectionRefused() {
        refused.increment();
    }

    void requestAnswered() {
        requests.increment();
    }

    /** Connections served since start, refused ones not included. */
    long connections() {
        return connections.sum();
    }

    /** Connections refused because of a connection limit. */
    long refused() {
        return refused.sum();
    }

    /** Request lines answered, valid or not. */
    long requests() {
        return requests.sum();
    }
}
