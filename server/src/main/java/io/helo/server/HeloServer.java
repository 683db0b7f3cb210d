package io.helo.server;

import io.helo.codec.ErrorReason;
import io.helo.codec.mina.HeloCodecFactory;
import io.helo.codec.mina.QuietLineEndFilter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HELO protocol server: a MINA NIO acceptor with the line codec and the protocol handler. */
public final class HeloServer implements AutoCloseable, HeloServerMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(HeloServer.class);

    private final ServerConfig config;
    private final NioSocketAcceptor acceptor;
    private final ProtocolHandler handler;
    private final ConnectionLimiter limiter;
    private final ServerStats stats = new ServerStats();
    private final ScheduledExecutorService timeouts;
    private final ExecutorService ioExecutor;
    private final SimpleIoProcessorPool<NioSession> processors;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile ObjectName mbeanName;

    /** Creates a server for {@code config}; nothing is bound until {@link #start()}. */
    public HeloServer(ServerConfig config) {
        this.config = config;
        this.limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerAddress());
        this.handler = new ProtocolHandler(config, limiter, stats);
        // a fixed pool holds exactly one thread per I/O processor, for the server's whole life; MINA's default
        // cached pool lets threads come and go with the sessions
        this.ioExecutor = Executors.newFixedThreadPool(config.ioThreads(), new NamedThreads("helo-io-", false));
        this.processors = new SimpleIoProcessorPool<>(NioProcessor.class, ioExecutor, config.ioThreads(), null);
        this.acceptor = new NioSocketAcceptor(processors);
        acceptor.setReuseAddress(true); // rebind at once after a restart, despite TIME_WAIT
        acceptor.setCloseOnDeactivation(false); // unbind() must not cut connections: shutdown drains them
        acceptor.setBacklog(1024);
        acceptor.getSessionConfig().setTcpNoDelay(true); // one small reply per request: never wait for Nagle
        this.timeouts = Executors.newSingleThreadScheduledExecutor(new NamedThreads("helo-timeouts-", true));
        if (!config.trustedProxies().isEmpty()) {
            acceptor.getFilterChain().addLast("proxy", new ProxyProtocolFilter(config.trustedProxies(),
                    config.proxyHeaderTimeout(), timeouts, stats));
        }
        if (!config.quietLineEnd().isZero()) {
            acceptor.getFilterChain().addLast("quiet-line-end", new QuietLineEndFilter(config.quietLineEnd(), timeouts));
        }
        acceptor.getFilterChain().addLast("backpressure", new BackpressureFilter(config.maxUnsentBytes()));
        acceptor.getFilterChain().addLast("batch", new ReplyBatchingFilter());
        acceptor.getFilterChain().addLast("codec",
                new ProtocolCodecFilter(HeloCodecFactory.forServer(config.maxLineLength(), config.maxDiscard())));
        acceptor.setHandler(handler);
    }

    /** Binds every configured address and returns the addresses actually bound (with real ports). */
    public List<InetSocketAddress> start() throws IOException {
        acceptor.bind(new ArrayList<SocketAddress>(config.bindAddresses()));
        // the server's own timers: a slow trickle of bytes keeps MINA's reader-idle timer quiet, so idleness is
        // judged by whole requests, and MINA's write timeout misses a single stuck write
        timeouts.scheduleWithFixedDelay(this::enforceTimeouts, 1, 1, TimeUnit.SECONDS);
        if (!config.statsInterval().isZero()) {
            long millis = config.statsInterval().toMillis();
            timeouts.scheduleAtFixedRate(this::logStats, millis, millis, TimeUnit.MILLISECONDS);
        }
        registerMBean();
        return localAddresses();
    }

    /** The addresses the server listens on. */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (SocketAddress address : acceptor.getLocalAddresses()) {
            bound.add((InetSocketAddress) address);
        }
        return bound;
    }

    /** The number of connections being served (refused ones excluded). */
    public int connectionCount() {
        return limiter.total();
    }

    @Override
    public int getCurrentConnections() {
        return limiter.total();
    }

    @Override
    public long getTotalConnections() {
        return stats.connections();
    }

    @Override
    public Map<String, Long> getRequestsByCommand() {
        return stats.requestsByCommand();
    }

    @Override
    public Map<String, Long> getErrorsByReason() {
        return stats.errorsByReason();
    }

    @Override
    public Map<String, Long> getRefusedByReason() {
        return stats.refusedByReason();
    }

    @Override
    public long getBytesIn() {
        return acceptor.getStatistics().getReadBytes();
    }

    @Override
    public long getBytesOut() {
        return acceptor.getStatistics().getWrittenBytes();
    }

    /** The name this server's MXBean is registered under while it runs. */
    public ObjectName mbeanName() {
        return mbeanName;
    }

    /** Connections served since start. */
    public long connectionsServed() {
        return stats.connections();
    }

    /** Request lines answered since start. */
    public long requestsAnswered() {
        return stats.requests();
    }

    /** The most reply bytes waiting to be sent to any one connection now. */
    long maxUnsentBytes() {
        long max = 0;
        for (IoSession session : acceptor.getManagedSessions().values()) {
            max = Math.max(max, session.getScheduledWriteBytes());
        }
        return max;
    }

    /** Write operations MINA has completed since start (one per batch of replies, not one per reply). */
    long writesCompleted() {
        return acceptor.getStatistics().getWrittenMessages();
    }

    /** Connections whose reading is paused because their replies are not being read. */
    int readSuspendedConnections() {
        int count = 0;
        for (IoSession session : acceptor.getManagedSessions().values()) {
            count += session.isReadSuspended() ? 1 : 0;
        }
        return count;
    }

    /** Client addresses currently counted by the per-address limit. */
    int trackedAddresses() {
        return limiter.addresses();
    }

    /**
     * Stops gracefully: stops accepting, lets every connection finish the reply it is writing, sends each one
     * {@code ERR shutting-down} and closes it, waits up to the drain timeout, then closes what is left.
     */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        handler.startShutdown();
        acceptor.unbind();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            handler.closeWith(session, ErrorReason.SHUTTING_DOWN);
        }
        try {
            handler.awaitNoSessions(config.drainTimeout().toNanos()); // the sweeper still ends lingering sessions
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timeouts.shutdownNow();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            session.closeNow(); // did not drain in time, e.g. a client that never reads
        }
        unregisterMBean();
        acceptor.dispose(true);
        processors.dispose();
        ioExecutor.shutdown();
    }

    private void logStats() {
        Map<String, Long> errors = stats.errorsByReason();
        Map<String, Long> refused = stats.refusedByReason();
        LOG.info("stats: connections {} now, {} total, {} refused; requests {}; errors {}; bytes in {}, out {}",
                getCurrentConnections(), getTotalConnections(), ServerStats.sum(refused), stats.requests(),
                ServerStats.sum(errors), getBytesIn(), getBytesOut());
    }

    private void registerMBean() {
        try {
            mbeanName = new ObjectName("io.helo:type=HeloServer,port=" + localAddresses().get(0).getPort());
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, mbeanName);
        } catch (JMException e) {
            LOG.warn("counters not available over JMX: {}", e.toString());
            mbeanName = null;
        }
    }

    private void unregisterMBean() {
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (JMException e) {
                LOG.debug("unregistering {}: {}", mbeanName, e.toString());
            }
        }
    }

    private void enforceTimeouts() {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis(); // MINA's last-write time is wall-clock milliseconds
        for (IoSession session : acceptor.getManagedSessions().values()) {
            try {
                handler.enforceTimeouts(session, nowNanos, nowMillis);
            } catch (RuntimeException e) {
                // an exception would cancel the schedule and end the checks for good
                LOG.warn("timeout check failed for session {}", session.getId(), e);
            }
        }
    }
}
