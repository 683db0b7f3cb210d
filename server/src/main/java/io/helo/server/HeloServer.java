package io.helo.server;

import io.helo.codec.ErrorReason;
import io.helo.codec.ReplyWriter;
import io.helo.codec.Response;
import io.helo.server.admission.Admission;
import io.helo.server.admission.Capacity;
import io.helo.server.admission.Refusal;
import io.helo.server.config.Limits;
import io.helo.server.config.Proxy;
import io.helo.server.config.Shutdown;
import io.helo.server.config.Tls;
import io.helo.server.ops.Counters;
import io.helo.server.ops.FatalErrors;
import io.helo.server.ops.Operations;
import io.helo.server.proxy.ProxyProtocolFilter;
import io.helo.server.session.SessionContext;
import io.helo.server.session.SessionHandler;
import io.helo.server.tls.TlsPort;
import io.helo.server.transport.AcceptGate;
import io.helo.server.transport.FlowControl;
import io.helo.server.transport.Listener;
import io.helo.server.transport.NamedThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HELO protocol server: a MINA NIO acceptor with its filter chain and session handler. Create it from a
 * {@link ServerConfig}, {@link #start()} it, and {@link #close()} it to shut down gracefully.
 */
public final class HeloServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeloServer.class);
    private static final byte[] BUSY = ReplyWriter.encode(Response.ErrorReply.of(ErrorReason.BUSY));

    private final ServerConfig config;
    private final ScheduledExecutorService timer;
    private final TlsPort tls; // null without TLS
    private final Listener listener;
    private final Admission admission;
    private final Counters counters;
    private final FlowControl flow;
    private final SessionContext sessions;
    private final SessionHandler handler;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Health health = Health.STARTING;
    /** The refusals' closing lines, made once: a refused connection costs no allocation for its line. */
    private final Map<Refusal, AcceptGate.Verdict> refusedWith = new EnumMap<>(Refusal.class);
    /** The plaintext ports' addresses as bound, whose connections the gate decides about; empty until bound. */
    private volatile Set<InetSocketAddress> gated = Set.of();
    private final List<Cidr> proxies;
    private volatile Operations operations;

    /**
     * Creates a server for {@code config}; nothing is bound until {@link #start()}.
     *
     * @param config the addresses, limits and clock of the server
     * @throws IllegalArgumentException if the TLS certificate or key cannot serve, saying which and why, or if a
     *     library an option needs is missing
     */
    public HeloServer(ServerConfig config) {
        this.config = config;
        Operations.check(config);
        // first, before anything holds a descriptor: a certificate that cannot serve fails the constructor
        this.timer = Executors.newSingleThreadScheduledExecutor(new NamedThreads("helo-timers-", true));
        this.tls = config.get(Tls.TLS_PORT) == null ? null : TlsPort.load(config, timer);
        this.admission = new Admission(config, this::health);
        this.proxies = config.get(Proxy.PROXY_PROTOCOL_FROM);
        this.listener = new Listener(config, BUSY, this::refusedForLackOfDescriptors);
        this.flow = new FlowControl(listener.service(), config.get(Limits.MAX_UNSENT),
                config.get(Limits.MAX_HELD_BYTES));
        this.counters = new Counters(listener.service(), admission, flow);
        this.sessions = new SessionContext(config, admission, counters, flow, timer, TlsPort::transportOf);
        this.handler = new SessionHandler(sessions);
        ProxyProtocolFilter proxy = config.get(Proxy.PROXY_PROTOCOL_FROM).isEmpty() ? null : new ProxyProtocolFilter(
                config.get(Proxy.PROXY_PROTOCOL_FROM), config.get(Proxy.PROXY_HEADER_TIMEOUT), timer, counters);
        // a session's chain: the PROXY header first (it comes before anything else, TLS included), then at a TLS
        // port the gate that puts TLS in front of the session; the quiet period is the connection's own
        listener.serve(chain -> {
            if (proxy != null) {
                chain.addLast("proxy", proxy);
            }
            if (tls != null) {
                tls.addTo(chain);
            }
        }, handler);
        for (Refusal refusal : Refusal.values()) {
            refusal.reply().ifPresent(reason -> refusedWith.put(refusal,
                    AcceptGate.Verdict.refuse(ReplyWriter.encode(Response.ErrorReply.of(reason)))));
        }
        listener.gate(this::admitEarly);
    }

    /**
     * The limits' decision about a connection just accepted, before its session exists, where the client's address is
     * known at once: at a plaintext port, from a peer that is not a trusted proxy. Other connections (TLS, whose line
     * must be encrypted; a proxy's, whose client its header names) are left to their sessions.
     */
    private AcceptGate.Verdict admitEarly(InetSocketAddress remote, InetSocketAddress listening) {
        if (!gated.contains(listening)) {
            return AcceptGate.Verdict.UNDECIDED;
        }
        for (Cidr proxy : proxies) {
            if (proxy.contains(remote.getAddress())) {
                return AcceptGate.Verdict.UNDECIDED;
            }
        }
        Optional<Refusal> refusal = admission.admit(remote.getAddress(), false);
        if (refusal.isEmpty()) {
            return AcceptGate.Verdict.ADMITTED;
        }
        counters.connectionRefused(refusal.get());
        refusal.get().reply().ifPresent(counters::errorReplied); // the line is an error reply, as a session's is
        return refusedWith.get(refusal.get());
    }

    /**
     * Binds every configured address, starts what operators read (JMX, the periodic line, the metrics endpoint if
     * configured), and returns the plaintext addresses actually bound (with real ports).
     *
     * @return the bound addresses
     * @throws IOException if an address cannot be bound; {@code io.helo.server.ops.MetricsEndpoint.Unavailable} if
     *     it is the metrics endpoint's
     */
    public List<InetSocketAddress> start() throws IOException {
        Capacity.check(config, admission);
        gated = Set.copyOf(listener.bind(config.bindAddresses()));
        if (tls != null) {
            tls.listening(listener.bind(config.tlsAddresses()));
        }
        timer.scheduleWithFixedDelay(FatalErrors.guard(this::sweep), 1, 1, TimeUnit.SECONDS);
        health = Health.SERVING;
        operations = Operations.start(this, config, timer, sessions.logRate());
        return localAddresses();
    }

    /**
     * The plaintext addresses the server listens on.
     *
     * @return the bound addresses, with their real ports
     */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> plaintext = new ArrayList<>(listener.addresses());
        plaintext.removeAll(tlsAddresses());
        return plaintext;
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
     * Where the server is in its life: only {@link Health#SERVING} is healthy to a balancer.
     *
     * @return the server's health now
     */
    public Health health() {
        return health;
    }

    /**
     * Where the metrics and health endpoint ({@code GET /metrics}, {@code GET /health}) listens while the server runs.
     *
     * @return its address, with its real port, or empty if it is not configured or not running
     */
    public Optional<InetSocketAddress> metricsAddress() {
        Operations running = operations;
        return running == null ? Optional.empty() : running.metricsAddress();
    }

    /**
     * The name the counters are registered under in JMX while the server runs, or null if they are not.
     *
     * @return the MBean's name, or {@code null}
     */
    public ObjectName mbeanName() {
        Operations running = operations;
        return running == null ? null : running.mbeanName();
    }

    /** The sessions open now, for the tests of this package. */
    Collection<IoSession> sessions() {
        return listener.sessions();
    }

    /** Ends a {@link #close()} in progress at once, without waiting any longer for connections to drain. */
    public void cutDrainShort() {
        listener.cutDrainShort();
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
        Duration grace = config.get(Shutdown.DRAIN_GRACE);
        if (!grace.isZero()) {
            // still serving everyone, but a balancer's health checks fail (and /health says 503): it sends new
            // clients elsewhere, while what it sent here goes on
            health = Health.DRAINING;
            awaitQuietly(() -> listener.pause(grace));
        }
        health = Health.CLOSING; // a connection that slips in before the unbind is refused: shutting-down
        listener.unbind();
        for (IoSession session : listener.sessions()) {
            handler.closeWith(session, ErrorReason.SHUTTING_DOWN);
        }
        awaitQuietly(() -> listener.awaitDrain(config.get(Shutdown.DRAIN_TIMEOUT))); // lingering closes end meanwhile
        timer.shutdownNow();
        for (IoSession session : listener.sessions()) {
            session.closeNow(); // did not drain in time, e.g. a client that never reads
        }
        if (operations != null) {
            operations.close();
        }
        listener.dispose();
        health = Health.STOPPED;
    }

    /** A wait of the shutdown's: an interrupt ends it, and the shutdown goes on. */
    private static void awaitQuietly(Wait wait) {
        try {
            wait.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A wait that may be interrupted. */
    private interface Wait {
        void run() throws InterruptedException;
    }

    private void refusedForLackOfDescriptors() {
        counters.connectionRefused(Refusal.OUT_OF_FILE_DESCRIPTORS);
    }

    /** Once a second: the admission's chores, the flow control's count, and each session's timers. */
    private void sweep() {
        admission.sweep();
        long nowMillis = System.currentTimeMillis(); // MINA's read and write times are wall-clock milliseconds
        flow.recount(listener.sessions(), handler::unsent);
        for (IoSession session : listener.sessions()) {
            try {
                handler.tick(session, nowMillis);
            } catch (RuntimeException e) {
                // an exception would cancel the schedule and end the checks for good
                LOG.warn("timeout check failed for session {}", session.getId(), e);
            }
        }
    }
}
