package io.helo.server.transport;

import io.helo.server.ServerConfig;
import io.helo.server.config.Limits;
import io.helo.server.config.Listening;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.mina.core.filterchain.IoFilterChainBuilder;
import org.apache.mina.core.service.IoHandler;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The server's MINA acceptor with its I/O processors and their threads, as the configuration's {@code MinaUse} has
 * them: what binds the ports, holds the sessions, and lets a shutdown drain them.
 */
public final class Listener {
    private final ExecutorService ioExecutor;
    private final MinaParts parts;
    private final IoProcessor<NioSession> processors;
    private final NioSocketAcceptor acceptor;
    private final Drain drain;

    /**
     * A listener for {@code config}, not yet bound.
     *
     * @param config its I/O threads, its read limit, and how it uses MINA
     * @param busyLine the line for a connection refused for lack of file descriptors, line end included
     * @param refused runs once for each connection so refused
     */
    public Listener(ServerConfig config, byte[] busyLine, Runnable refused) {
        this.parts = MinaParts.of(config.minaUse());
        int threads = config.get(Listening.IO_THREADS);
        // a fixed pool holds exactly one thread per I/O processor, for the server's whole life; MINA's default
        // cached pool lets threads come and go with the sessions
        this.ioExecutor = Executors.newFixedThreadPool(threads, new NamedThreads("helo-io-", false));
        this.processors = parts.processors(ioExecutor, threads);
        this.acceptor = parts.acceptor(processors, busyLine, refused);
        acceptor.setReuseAddress(true); // rebind at once after a restart, despite TIME_WAIT
        acceptor.setCloseOnDeactivation(false); // unbind() must not cut connections: shutdown drains them
        acceptor.setBacklog(config.get(Listening.BACKLOG));
        acceptor.getSessionConfig().setTcpNoDelay(true); // one small write per read: never wait for Nagle
        acceptor.getSessionConfig().setMaxReadBufferSize(config.get(Limits.MAX_READ)); // bounds what a client holds
        // --write-timeout is the connection's own (Connection.tick): MINA's, 60 s unless told, would cut first
        acceptor.getSessionConfig().setWriteTimeout(0);
        this.drain = new Drain(acceptor);
        acceptor.addListener(drain);
    }

    /**
     * The service whose sessions and I/O statistics the counters and flow control read.
     *
     * @return the acceptor, as a service
     */
    public IoService service() {
        return acceptor;
    }

    /**
     * Sets how each new session's chain is built and who handles its events; before the first bind.
     *
     * @param chain builds each session's filter chain
     * @param handler handles every session's events
     */
    public void serve(IoFilterChainBuilder chain, IoHandler handler) {
        acceptor.setFilterChainBuilder(chain);
        acceptor.setHandler(handler);
    }

    /**
     * Has {@code gate} decide about each connection as it is accepted (with the tuned acceptor; with MINA's own, the
     * sessions decide); before the first bind.
     *
     * @param gate decides about each connection before its session is made
     */
    public void gate(AcceptGate gate) {
        parts.gate(acceptor, gate);
    }

    /**
     * Binds {@code addresses} and returns them as bound, with their real ports.
     *
     * @param addresses the addresses to bind; port 0 picks a free port
     * @return the addresses this call bound
     * @throws IOException if an address cannot be bound
     */
    public List<InetSocketAddress> bind(List<InetSocketAddress> addresses) throws IOException {
        Set<SocketAddress> before = new HashSet<>(acceptor.getLocalAddresses());
        acceptor.bind(new ArrayList<SocketAddress>(addresses));
        List<InetSocketAddress> bound = new ArrayList<>();
        for (SocketAddress address : acceptor.getLocalAddresses()) {
            if (!before.contains(address)) {
                bound.add((InetSocketAddress) address);
            }
        }
        return List.copyOf(bound);
    }

    /**
     * Every address bound now.
     *
     * @return the bound addresses
     */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (SocketAddress address : acceptor.getLocalAddresses()) {
            bound.add((InetSocketAddress) address);
        }
        return bound;
    }

    /**
     * The sessions open now.
     *
     * @return the sessions
     */
    public Collection<IoSession> sessions() {
        return acceptor.getManagedSessions().values();
    }

    /** Stops accepting; the sessions open go on. */
    public void unbind() {
        acceptor.unbind();
    }

    /**
     * Waits {@code duration} whatever the sessions do, unless {@link #cutDrainShort()} ends the wait first.
     *
     * @param duration how long to wait
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void pause(Duration duration) throws InterruptedException {
        drain.pause(duration);
    }

    /**
     * Waits until no session is left, at most {@code timeout}, unless {@link #cutDrainShort()} ends the wait first.
     *
     * @param timeout the longest wait
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void awaitDrain(Duration timeout) throws InterruptedException {
        drain.await(timeout);
    }

    /** Ends a wait of {@link #pause} or {@link #awaitDrain} at once: the operator asked a second time. */
    public void cutDrainShort() {
        drain.abort();
    }

    /** Releases the acceptor, the processors and their threads. */
    public void dispose() {
        acceptor.dispose(true);
        processors.dispose();
        ioExecutor.shutdown();
    }
}
