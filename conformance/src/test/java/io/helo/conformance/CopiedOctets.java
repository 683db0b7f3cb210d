package io.helo.conformance;

import com.code_intelligence.jazzer.api.HookType;
import com.code_intelligence.jazzer.api.MethodHook;
import java.lang.invoke.MethodHandle;

/**
 * Counts the octets the project's classes copy with {@code System.arraycopy} on this thread while a count is on: how
 * a fuzz test proves that a reader copies each octet a bounded number of times, whatever the reads, without timing
 * it. A Jazzer hook, loaded by {@code jazzer.custom_hooks}: it applies only where Jazzer instruments.
 */
public final class CopiedOctets {
    private static final ThreadLocal<long[]> COUNT = new ThreadLocal<>();

    private CopiedOctets() {
    }

    /** Octets copied by this thread while {@code action} ran (0 as well if the hook is not on). */
    static long during(Runnable action) {
        long[] count = {0};
        COUNT.set(count);
        try {
            action.run();
        } finally {
            COUNT.remove();
        }
        return count[0];
    }

    /** Adds the length of a copy to this thread's count, if one is on. */
    @MethodHook(type = HookType.BEFORE, targetClassName = "java.lang.System", targetMethod = "arraycopy")
    public static void arraycopy(MethodHandle method, Object caller, Object[] arguments, int hookId) {
        long[] count = COUNT.get();
        if (count != null) {
            count[0] += (Integer) arguments[4];
        }
    }
}
