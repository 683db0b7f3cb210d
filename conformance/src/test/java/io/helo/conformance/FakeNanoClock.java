package io.helo.conformance;

import com.code_intelligence.jazzer.api.HookType;
import com.code_intelligence.jazzer.api.MethodHook;
import java.lang.invoke.MethodHandle;

/**
 * A clock the fuzz tests move by hand: while a thread has started one, {@code System.nanoTime()} called from the
 * project's classes (the checker's {@link Wire} among them) reads it, so that waiting out a timeout costs no time and
 * no test sleeps. Every other thread, and this one before {@link #start} and after {@link #stop}, reads the real
 * clock. A Jazzer hook, loaded by {@code jazzer.custom_hooks}: it applies only where Jazzer instruments.
 */
public final class FakeNanoClock {
    private static final ThreadLocal<long[]> NOW = new ThreadLocal<>();

    private FakeNanoClock() {
    }

    /** Starts this thread's fake clock at 0. */
    static void start() {
        NOW.set(new long[1]);
    }

    /** Gives this thread back the real clock. */
    static void stop() {
        NOW.remove();
    }

    /** The fake time, in nanoseconds since {@link #start}. */
    static long now() {
        return NOW.get()[0];
    }

    /** Moves the fake clock on to {@code nanos}, never back. */
    static void advanceTo(long nanos) {
        long[] now = NOW.get();
        now[0] = Math.max(now[0], nanos);
    }

    /** Answers {@code System.nanoTime()}: the fake time if this thread started one, else the real time. */
    @MethodHook(type = HookType.REPLACE, targetClassName = "java.lang.System", targetMethod = "nanoTime",
            targetMethodDescriptor = "()J")
    public static long nanoTime(MethodHandle method, Object caller, Object[] arguments, int hookId) throws Throwable {
        long[] now = NOW.get();
        return now != null ? now[0] : (Long) method.invokeWithArguments(arguments);
    }
}
