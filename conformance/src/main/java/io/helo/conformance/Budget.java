package io.helo.conformance;

import java.time.Duration;

/** The time a whole grading may take, build included, and what is left of it: every wait is cut to fit. */
public final class Budget {
    /** Why a case or program was not run (to its end). */
    public static final String SPENT = "time budget spent";
    private static final Budget UNLIMITED = new Budget(Long.MAX_VALUE);

    private final long deadline;

    private Budget(long deadline) {
        this.deadline = deadline;
    }

    /** A budget of {@code total} from now. */
    public static Budget of(Duration total) {
        return new Budget(System.nanoTime() + total.toNanos());
    }

    /** No budget: only each case's own limit holds. */
    public static Budget unlimited() {
        return UNLIMITED;
    }

    /** True once the budget is spent. */
    public boolean spent() {
        return this != UNLIMITED && System.nanoTime() - deadline >= 0;
    }

    /** {@code limit}, or what is left of the budget if that is less (at least a millisecond). */
    public Duration cap(Duration limit) {
        if (this == UNLIMITED) {
            return limit;
        }
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(1_000_000, Math.min(limit.toNanos(), left)));
    }
}
