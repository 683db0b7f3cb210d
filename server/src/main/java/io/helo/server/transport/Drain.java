package io.helo.server.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.service.IoServiceListener;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;

/** Lets a shutdown wait until its service has no session left, as counted by MINA itself. */
final class Drain implements IoServiceListener {
    private final IoService service;
    private boolean aborted;

    /**
     * Watches {@code service}; add it with {@code service.addListener} before sessions come.
     *
     * @param service the service whose sessions to wait for
     */
    Drain(IoService service) {
        this.service = service;
    }

    /**
     * Waits until the service manages no session, at most {@code timeout}; true if none is left.
     *
     * @param timeout the longest wait
     * @return true if no session is left, false if the timeout passed or the wait was aborted first
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (service.getManagedSessionCount() > 0 && !aborted) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return service.getManagedSessionCount() == 0;
    }

    /**
     * Waits {@code duration} whatever the sessions do, unless {@link #abort()} ends the wait first.
     *
     * @param duration how long to wait
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public synchronized void pause(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!aborted) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Ends the wait at once: the operator asked a second time. */
    public synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    @Override
    public synchronized void sessionDestroyed(IoSession session) {
        notifyAll(); // MINA has already removed it from the managed sessions
    }

    @Override
    public void serviceActivated(IoService ignored) {
        // nothing to do
    }

    @Override
    public void serviceIdle(IoService ignored, IdleStatus idleStatus) {
        // nothing to do
    }

    @Override
    public void serviceDeactivated(IoService ignored) {
        // nothing to do
    }

    @Override
    public void sessionCreated(IoSession session) {
        // nothing to do
    }

    @Override
    public void sessionClosed(IoSession session) {
        // nothing to do
    }
}
