package io.helo.server.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a call, so that the server can drain and {@code main} can return with
 * status 0. A JVM shutdown hook cannot do that: the exit status of a JVM stopped by a signal is 128 + signal.
 */
final class StopSignals {
    private StopSignals() {
    }

    /**
     * Runs {@code onStop} on every SIGTERM or SIGINT (the caller tells the first from the next); a signal the JVM may
     * not handle (e.g. under -Xrs) is skipped.
     */
    static void install(Runnable onStop) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> onStop.run());
            } catch (IllegalArgumentException e) {
                // ignored by the parent or reserved: the shutdown hook still closes the server
            }
        }
    }

    /** Runs {@code onReload} on every SIGHUP, instead of the JVM's stop; skipped if the JVM may not handle it. */
    static void onReload(Runnable onReload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> onReload.run());
        } catch (IllegalArgumentException e) {
            // SIGHUP ignored by the parent (nohup): there is nothing to reload on
        }
    }
}
