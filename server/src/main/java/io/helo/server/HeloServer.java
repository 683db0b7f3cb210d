package io.helo.server;

import io.helo.server.config.Connections;
import io.helo.server.config.Limits;
import io.helo.server.config.Listening;
import io.helo.server.config.Logging;
import io.helo.server.config.Proxy;
import io.helo.server.config.Shutdown;
import io.helo.server.config.Tls;
import io.helo.codec.ErrorReason;
import io.helo.codec.ReplyWriter;
import io.helo.codec.Response;
import io.helo.server.admission.Admission;
import io.helo.server.admission.Capacity;
import io.helo.server.admission.Drain;
import io.helo.server.admission.Refusal;
import io.helo.server.ops.Counters;
import io.helo.server.ops.FatalErrors;
import io.helo.server.ops.JmxCounters;
import io.helo.server.ops.LogRate;
import io.helo.server.ops.LogWatch;
import io.helo.server.ops.StatsLog;
import io.helo.server.proxy.ProxyProtocolFilter;
import io.helo.server.session.SessionHandler;
import io.helo.server.session.SessionContext;
import io.helo.server.tls.TlsPort;
import io.helo.server.transport.FlowControl;
import io.helo.server.transport.HeloNioProcessor;
import io.helo.server.transport.HeloSocketAcceptor;
import io.helo.server.transport.NamedThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HELO protocol server: a MINA NIO acceptor with its filter chain and session handler. Create it from a
 * {@link ServerConfig}, {@link #start()} it, and {@link #close()} it to shut down gracefully.
 */
public final class HeloServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeloServer.class);

    private final ServerConfig config;
    private final Admission admission;
    private final HeloSocketAcceptor acceptor;
    private final Counters counters;
    private final SessionHandler handler;
    private final Drain drain;
    private final ScheduledExecutorService timer;
    private final ExecutorService ioExecutor;
    private final SimpleIoProcessorPool<NioSession> processors;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final LogRate logRate;
    private final ProxyProtocolFilter proxyFilter;
    private final TlsPort tls; // null without TLS
    private final FlowControl flow;
    private volatile JmxCounters jmx;

    /**
     * Creates a server for {@code config}; nothing is bound until {@link #start()}.
     *
     * @param config the addresses, limits and clock of the server
     * @throws IllegalArgumentException if the TLS certificate or key cannot serve, saying which and why
     */
    public HeloServer(ServerConfig config) {
        this.config = config;
        // first, before anything holds a descriptor: a certificate that cannot serve fails the constructor
        this.timer = Executors.newSingleThreadScheduledExecutor(new NamedThreads("helo-timers-", true));
        this.tls = config.get(Tls.TLS_PORT) == null ? null : TlsPort.load(config, timer);
        this.admission = new Admission(config.get(Connections.MAX_CONNECTIONS), config.get(Connections.MAX_CONNECTIONS_PER_IP));
        // a fixed pool holds exactly one thread per I/O processor, for the server's whole life; MINA's default
        // cached pool lets threads come and go with the sessions
        this.ioExecutor = Executors.newFixedThreadPool(config.get(Listening.IO_THREADS), new NamedThreads("helo-io-", false));
        this.processors = new SimpleIoProcessorPool<>(HeloNioProcessor.class, ioExecutor, config.get(Listening.IO_THREADS), null);
        this.acceptor = new HeloSocketAcceptor(processors, ReplyWriter.encode(Response.ErrorReply.of(ErrorReason.BUSY)),
                this::refusedForLackOfDescriptors);
        acceptor.setReuseAddress(true); // rebind at once after a restart, despite TIME_WAIT
        acceptor.setCloseOnDeactivation(false); // unbind() must not cut connections: shutdown drains them
        acceptor.setBacklog(1024);
        acceptor.getSessionConfig().setTcpNoDelay(true); // one small write per read: never wait for Nagle
        acceptor.getSessionConfig().setMaxReadBufferSize(config.get(Limits.MAX_READ)); // bounds what a client holds
        this.flow = new FlowControl(acceptor, config.get(Limits.MAX_UNSENT), config.get(Limits.MAX_HELD_BYTES));
        this.counters = new Counters(acceptor, admission, flow);
        this.drain = new Drain(acceptor);
        acceptor.addListener(drain);
        SessionContext sessions = new SessionContext(config, admission, counters, flow, timer, TlsPort::transportOf);
        this.logRate = sessions.logRate();
        this.handler = new SessionHandler(sessions);
        this.proxyFilter = config.get(Proxy.PROXY_PROTOCOL_FROM).isEmpty() ? null : new ProxyProtocolFilter(config.get(Proxy.PROXY_PROTOCOL_FROM),
                config.get(Proxy.PROXY_HEADER_TIMEOUT), timer, counters);
        acceptor.setFilterChainBuilder(this::buildChain); // per session: TLS only at a TLS port
        acceptor.setHandler(handler);
    }

    /**
     * A session's chain: the PROXY header first (it comes before anything else, TLS included), then at a TLS port
     * the gate that puts TLS in front of the session. The quiet period is the session flow's own: it knows where
     * lines end without looking at every read.
     */
    private void buildChain(IoFilterChain chain) {
        if (proxyFilter != null) {
            chain.addLast("proxy", proxyFilter);
        }
        if (tls != null) {
            tls.addTo(chain);
        }
    }

    /**
     * Binds every configured address and returns the addresses actually bound (with real ports).
     *
     * @return the bound addresses
     * @throws IOException if an address cannot be bound
     */
    public List<InetSocketAddress> start() throws IOException {
        Capacity.check(config, admission);
        acceptor.bind(new ArrayList<SocketAddress>(config.bindAddresses()));
        if (tls != null) {
            tls.bind(acceptor);
        }
        timer.scheduleWithFixedDelay(FatalErrors.guard(this::enforceTimeouts), 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(FatalErrors.guard(new LogWatch(logRate)), 1, 1, TimeUnit.SECONDS);
        if (!config.get(Logging.STATS_INTERVAL).isZero()) {
            long millis = config.get(Logging.STATS_INTERVAL).toMillis();
            timer.scheduleAtFixedRate(FatalErrors.guard(() -> StatsLog.log(counters)), millis, millis,
                    TimeUnit.MILLISECONDS);
        }
        jmx = JmxCounters.register(counters, localAddresses().get(0).getPort());
        return localAddresses();
    }

    /**
     * The plaintext addresses the server listens on.
     *
     * @return the bound addresses, with their real ports
     */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (SocketAddress address : acceptor.getLocalAddresses()) {
            if (tls == null || !tls.addresses().contains(address)) {
                bound.add((InetSocketAddress) address);
            }
        }
        return bound;
    }

    /**
     * The addresses the server serves TLS clients on, once started.
     *
     * @return the bound TLS addresses, with their real ports; empty without TLS
     */
    public List<InetSocketAddress> tlsAddresses() {
        return tls == null ? List.of() : tls.addresses();
    }

    /** Reloads the TLS certificate and key from their files now, for new connections (SIGHUP); logs the outcome. */
    public void reloadCertificate() {
        if (tls != null) {
            tls.reload();
        }
    }

    /**
     * When the TLS certificate in use expires.
     *
     * @return its expiry, or empty without TLS
     */
    public Optional<Instant> certificateExpiry() {
        return tls == null ? Optional.empty() : Optional.of(tls.expiry());
    }

    /**
     * What the server has done and holds now.
     *
     * @return a live view of the server's counters
     */
    public ServerCounters counters() {
        return counters;
    }

    /**
     * The name the counters are registered under in JMX while the server runs, or null if they are not.
     *
     * @return the MBean's name, or {@code null}
     */
    public ObjectName mbeanName() {
        JmxCounters registered = jmx;
        return registered == null ? null : registered.name();
    }

    /** Ends a {@link #close()} in progress at once, without waiting any longer for connections to drain. */
    public void cutDrainShort() {
        drain.abort();
    }

    /**
     * Stops gracefully: for the drain grace (none by default) goes on serving but fails a balancer's health checks,
     * so that it sends new clients elsewhere; then stops accepting, lets every connection finish the replies it is
     * owed, sends each one {@code ERR shutting-down} and closes it, waits up to the drain timeout, then closes what
     * is left.
     */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (!config.get(Shutdown.DRAIN_GRACE).isZero()) {
            // still serving everyone, but a balancer's health checks fail (and /health says 503): it sends new
            // clients elsewhere, while what it sent here goes on
            admission.drain();
            try {
                drain.pause(config.get(Shutdown.DRAIN_GRACE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        admission.close(); // a connection that slips in before the unbind is refused: shutting-down
        acceptor.unbind();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            handler.closeWith(session, ErrorReason.SHUTTING_DOWN);
        }
        try {
            drain.await(config.get(Shutdown.DRAIN_TIMEOUT)); // lingering closes still end meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            session.closeNow(); // did not drain in time, e.g. a client that never reads
        }
        if (jmx != null) {
            jmx.unregister();
        }
        acceptor.dispose(true);
        processors.dispose();
        ioExecutor.shutdown();
    }

    private void refusedForLackOfDescriptors() {
        counters.connectionRefused(Refusal.OUT_OF_FILE_DESCRIPTORS);
    }

    private void enforceTimeouts() {
        long nowMillis = System.currentTimeMillis(); // MINA's read and write times are wall-clock milliseconds
        flow.recount(acceptor.getManagedSessions().values(), handler::unsent);
        for (IoSession session : acceptor.getManagedSessions().values()) {
            try {
                handler.tick(session, nowMillis);
            } catch (RuntimeException e) {
                // an exception would cancel the schedule and end the checks for good
                LOG.warn("timeout check failed for session {}", session.getId(), e);
            }
        }
    }
}
