package io.helo.server.transport;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads named {@code prefix + n}, so that a thread dump says whose they are. */
public final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final boolean daemon;
    private final AtomicInteger next = new AtomicInteger(1);

    /**
     * Threads named {@code prefix} and a number, daemon threads if {@code daemon}.
     *
     * @param prefix the start of every thread's name
     * @param daemon true to make the threads daemon threads
     */
    public NamedThreads(String prefix, boolean daemon) {
        this.prefix = prefix;
        this.daemon = daemon;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, prefix + next.getAndIncrement());
        thread.setDaemon(daemon);
        return thread;
    }
}
