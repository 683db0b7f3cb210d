package io.helo.server.proxy;

import io.helo.codec.SocketAddresses;
import io.helo.server.Cidr;
import io.helo.server.admission.Refusal;
import io.helo.server.ops.Counters;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAProxy's PROXY protocol, versions 1 and 2, in front of the codec: a connection from a trusted proxy must start
 * with a header, and the client address it carries replaces the proxy's for everything after it (REQIP, limits,
 * log lines). Connections from anywhere else are served as direct clients, and a header from them is just a bad
 * request line. The server never guesses whether a header is present, as the specification requires.
 *
 * <p>For a trusted connection, the session's created and opened events are held back until its header is
 * complete, so nothing behind this filter ever sees the proxy as the client. A connection whose header is
 * missing, malformed or late is closed without a reply.
 */
public final class ProxyProtocolFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolFilter.class);
    private static final AttributeKey PENDING = new AttributeKey(ProxyProtocolFilter.class, "pending");

    private final List<Cidr> trustedProxies;
    private final long headerTimeoutMillis;
    private final ScheduledExecutorService timer;
    private final Counters counters;

    /**
     * Requires a header from {@code trustedProxies} within {@code headerTimeout}, timed by {@code timer}.
     *
     * @param trustedProxies the addresses of proxies whose connections must start with a header
     * @param headerTimeout how long a trusted proxy may take to send its header
     * @param timer closes the connections whose header is late
     * @param counters counts the connections refused for a missing, malformed or late header
     */
    public ProxyProtocolFilter(List<Cidr> trustedProxies, Duration headerTimeout, ScheduledExecutorService timer,
            Counters counters) {
        this.counters = counters;
        this.trustedProxies = List.copyOf(trustedProxies);
        this.headerTimeoutMillis = headerTimeout.toMillis();
        this.timer = timer;
    }

    /** The bytes received so far from a trusted proxy that has not finished its header, and its deadline. */
    private static final class Pending {
        private final IoBuffer received = IoBuffer.allocate(128).setAutoExpand(true);
        private ScheduledFuture<?> deadline;

        /** Adds {@code message} to what was received; returns all of it, to be parsed. */
        IoBuffer add(IoBuffer message) {
            received.put(message);
            return received.duplicate().flip();
        }

        void deadline(ScheduledFuture<?> value) {
            deadline = value;
        }

        /** The header is complete, or the connection closed: the deadline no longer holds. */
        void settled() {
            deadline.cancel(false);
        }
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        InetSocketAddress remote = (InetSocketAddress) session.getRemoteAddress();
        if (!isTrusted(remote)) {
            next.sessionCreated(session);
            return;
        }
        Pending pending = new Pending();
        session.setAttribute(PENDING, pending);
        pending.deadline(timer.schedule(() -> {
            if (session.containsAttribute(PENDING)) {
                LOG.debug("{} sent no complete PROXY header in time: closing", SocketAddresses.format(remote));
                counters.connectionRefused(Refusal.BAD_PROXY_HEADER);
                session.closeNow();
            }
        }, headerTimeoutMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        if (!session.containsAttribute(PENDING)) {
            next.sessionOpened(session);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        Pending pending = (Pending) session.getAttribute(PENDING);
        if (pending == null) {
            next.messageReceived(session, message);
            return;
        }
        IoBuffer received = pending.add((IoBuffer) message);
        ProxyHeader.Result result = ProxyHeader.parse(received.buf());
        if (result instanceof ProxyHeader.Incomplete) {
            return;
        }
        session.removeAttribute(PENDING);
        pending.settled();
        if (result instanceof ProxyHeader.Invalid) {
            LOG.info("{} closing: {}", SocketAddresses.format(session.getRemoteAddress()),
                    ((ProxyHeader.Invalid) result).reason());
            counters.connectionRefused(Refusal.BAD_PROXY_HEADER);
            session.closeNow();
            return;
        }
        ProxyHeader.Parsed header = (ProxyHeader.Parsed) result;
        if (header.source() == null || header.namesConnection(session.getRemoteAddress(), session.getLocalAddress())) {
            ClientAddress.proxyLocal(session); // a health check: logged at DEBUG, refused once a drain begins
        } else {
            ClientAddress.carried(session, header.source());
        }
        next.sessionCreated(session);
        next.sessionOpened(session);
        received.position(received.position() + header.length());
        if (received.hasRemaining()) {
            IoBuffer rest = IoBuffer.allocate(received.remaining());
            rest.put(received).flip();
            next.messageReceived(session, rest);
        }
    }

    @Override
    public void inputClosed(NextFilter next, IoSession session) throws Exception {
        if (session.containsAttribute(PENDING)) {
            session.closeNow(); // the proxy gave up before its header was complete
            return;
        }
        next.inputClosed(session);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        Pending pending = (Pending) session.removeAttribute(PENDING);
        if (pending != null) {
            pending.settled();
            return; // nothing behind this filter has seen the session
        }
        if (ClientAddress.isSettled(session) || !isTrusted((InetSocketAddress) session.getRemoteAddress())) {
            next.sessionClosed(session);
        }
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        if (session.containsAttribute(PENDING)) {
            session.closeNow();
            return;
        }
        next.exceptionCaught(session, cause);
    }

    private boolean isTrusted(InetSocketAddress remote) {
        for (Cidr range : trustedProxies) {
            if (range.contains(remote.getAddress())) {
                return true;
            }
        }
        return false;
    }
}
