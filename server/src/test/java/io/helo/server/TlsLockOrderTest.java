package io.helo.server;

import io.helo.server.config.Timeouts;
import io.helo.server.config.Tls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.TestCertificates;
import io.helo.server.testing.WireClient;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRejectedException;
import org.apache.mina.filter.ssl.SslHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own threads (the shutdown, the timer) write to TLS connections while MINA's I/O threads work on them.
 * MINA's TLS filter takes its handler's lock for every write, and calls back into the server while holding it: when
 * it closes a session whose writes it still holds, it reports them rejected ({@code SSLHandlerG1.close_start}). A
 * server that held a lock of its own across a write would deadlock with it. Each test makes that interleaving happen
 * for sure: a thread of the test holds MINA's lock, waits until the server's thread waits for it, then calls back
 * into the server as MINA's filter does. A deadlock is the JVM's own finding, not a slow test.
 */
class TlsLockOrderTest {
    /** Far longer than any of these steps takes, loaded or not; a deadlock lasts for ever. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private TestCertificates certificates;
    private Path certificateFile;
    private Path keyFile;
    private Set<Long> before;

    @BeforeEach
    void certificates() throws Exception {
        long[] deadlocked = threads.findDeadlockedThreads();
        before = deadlocked == null ? Set.of() : Arrays.stream(deadlocked).boxed().collect(Collectors.toSet());
        certificates = TestCertificates.inDirectory(dir);
        certificateFile = dir.resolve("cert.pem");
        keyFile = dir.resolve("key.pem");
        certificates.issue("locks", 30).installAs(certificateFile, keyFile);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void shouldShutDownWhileMinasTlsFilterHoldsItsLockAndReportsRejectedWrites() throws Exception {
        LoopbackServer server = tlsServer(Duration.ofMinutes(5)); // not closed after a deadlock: that would hang
        try (WireClient client = WireClient.overTls(server.server().tlsAddresses().get(0),
                certificates.caCertificate(), null)) {
            client.send("HELO me\r\n").expect("Hello me, pleased to meet you.");
            IoSession session = onlySession(server);
            CompletableFuture<Void> callback = callBackWhileTheServerWaits(session,
                    () -> CompletableFuture.runAsync(server::close, pool));
            awaitWithoutDeadlock(callback);
            await().atMost(BOUND).until(() -> server.server().health() == Health.STOPPED);
        }
    }

    @Test
    void shouldTimeOutAnIdleClientWhileMinasTlsFilterHoldsItsLockAndReportsRejectedWrites() throws Exception {
        LoopbackServer server = tlsServer(Duration.ofSeconds(1)); // not closed after a deadlock: that would hang
        try (WireClient client = WireClient.overTls(server.server().tlsAddresses().get(0),
                certificates.caCertificate(), null)) {
            client.send("HELO me\r\n").expect("Hello me, pleased to meet you.");
            IoSession session = onlySession(server);
            // the timer's once-a-second check writes ERR idle-timeout within two seconds: the test need not start it
            CompletableFuture<Void> callback = callBackWhileTheServerWaits(session, () -> { });
            awaitWithoutDeadlock(callback);
            await().atMost(BOUND).until(() -> server.counters().currentConnections() == 0);
        }
        server.close();
    }

    private LoopbackServer tlsServer(Duration idleTimeout) throws Exception {
        return LoopbackServer.start(b -> b.set(Tls.TLS_PORT, 0).set(Tls.TLS_CERT, certificateFile)
                .set(Tls.TLS_KEY, keyFile).set(Tls.TLS_RELOAD_INTERVAL, Duration.ZERO)
                .set(Timeouts.IDLE_TIMEOUT, idleTimeout));
    }

    private static IoSession onlySession(LoopbackServer server) {
        assertThat(server.server().sessions()).hasSize(1);
        return server.server().sessions().iterator().next();
    }

    /**
     * In a thread of its own: takes the lock of the session's TLS handler, starts {@code start}, waits until a server
     * thread waits for that lock (a write), then, still holding it, reports a rejected write to the server as MINA's
     * filter does while closing a session.
     */
    private CompletableFuture<Void> callBackWhileTheServerWaits(IoSession session, Runnable start) {
        Object tlsLock = session.getAttributeKeys().stream().map(session::getAttribute)
                .filter(SslHandler.class::isInstance).findFirst().orElseThrow();
        return CompletableFuture.runAsync(() -> {
            synchronized (tlsLock) {
                start.run();
                long self = Thread.currentThread().getId();
                await().atMost(BOUND).until(() -> someThreadBlockedOn(tlsLock, self));
                session.getFilterChain().fireExceptionCaught(new WriteRejectedException(
                        new DefaultWriteRequest(IoBuffer.wrap(new byte[] {'x'})), "closing"));
            }
        }, pool);
    }

    private boolean someThreadBlockedOn(Object lock, long except) {
        int identity = System.identityHashCode(lock);
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            LockInfo waitingFor = info.getLockInfo();
            if (info.getThreadId() != except && info.getThreadState() == Thread.State.BLOCKED && waitingFor != null
                    && waitingFor.getIdentityHashCode() == identity) {
                return true;
            }
        }
        return false;
    }

    /** Waits for {@code done}, but no longer than the JVM takes to see a deadlock: that fails with its threads. */
    private void awaitWithoutDeadlock(CompletableFuture<?> done) {
        await().atMost(BOUND).until(() -> done.isDone() || newlyDeadlocked().length > 0);
        long[] deadlocked = newlyDeadlocked();
        assertThat(deadlocked).as("deadlocked threads:%n%s", dump(deadlocked)).isEmpty();
        done.join();
    }

    /** The threads deadlocked now and not before the test: another test's deadlock is its own failure. */
    private long[] newlyDeadlocked() {
        long[] now = threads.findDeadlockedThreads();
        return now == null ? new long[0] : Arrays.stream(now).filter(id -> !before.contains(id)).toArray();
    }

    private String dump(long[] ids) {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : threads.getThreadInfo(ids, true, true)) {
            dump.append('"').append(info.getThreadName()).append("\" waits for ").append(info.getLockName())
                    .append(" held by \"").append(info.getLockOwnerName()).append("\"\n");
            StackTraceElement[] stack = info.getStackTrace();
            for (int depth = 0; depth < stack.length; depth++) {
                dump.append("\tat ").append(stack[depth]).append('\n');
                for (MonitorInfo monitor : info.getLockedMonitors()) {
                    if (monitor.getLockedStackDepth() == depth) {
                        dump.append("\t- locked ").append(monitor).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
