package io.helo.codec.testing;

import java.lang.management.ManagementFactory;

/** Octets of heap the current thread allocates while it does something: what a parser costs beyond its input. */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /** Octets allocated by this thread while {@code action} ran. */
    public static long during(Runnable action) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * The fewest octets this thread allocated in any of {@code runs} runs of {@code action}: what every run costs.
     * A one-off cost (a class loaded, a fuzzer's coverage map grown, objects a deoptimisation re-materialises)
     * shows in one run, not in all.
     */
    public static long everyRunOf(int runs, Runnable action) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            fewest = Math.min(fewest, during(action));
        }
        return fewest;
    }
}
