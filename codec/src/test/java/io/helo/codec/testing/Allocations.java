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
}
