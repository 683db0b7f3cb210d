package io.helo.server;

import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.SafeText;
import io.helo.codec.SocketAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteTimeoutException;
import org.apache.mina.transport.socket.nio.NioSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each decoded line of each session, and closes sessions that end, misbehave, idle or overload.
 *
 * <p>Every reply and every closing line of a session is written while holding that session's {@link State}, so a
 * line the server decides to send on its own (idle, shutdown) comes after every reply already written and before
 * none; once a session has ended, nothing more is answered.
 */
final class ProtocolHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolHandler.class);
    private static final AttributeKey STATE = new AttributeKey(ProtocolHandler.class, "state");

    private final ServerConfig config;
    private final ConnectionLimiter limiter;
    private final ServerStats stats;
    private final long idleTimeoutNanos;
    private final long lingerTimeoutNanos;
    private final long writeTimeoutMillis;
    private final Object sessionsLock = new Object();
    private int sessions;
    private volatile boolean shuttingDown;

    ProtocolHandler(ServerConfig config, ConnectionLimiter limiter, ServerStats stats) {
        this.config = config;
        this.limiter = limiter;
        this.stats = stats;
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.lingerTimeoutNanos = config.lingerTimeout().toNanos();
        this.writeTimeoutMillis = config.writeTimeout().toMillis();
    }

    /** What the handler keeps per session; its monitor orders the session's writes. */
    private static final class State {
        final Conversation conversation;
        final String peer;
        final InetAddress address;
        final long openedNanos;
        final boolean quiet; // a proxy's own connection, such as a health check: its lines are DEBUG
        volatile long lastRequestNanos;
        volatile long lingeringSinceNanos;
        boolean admitted;

        State(Conversation conversation, String peer, InetAddress address, boolean quiet) {
            this.conversation = conversation;
            this.quiet = quiet;
            this.peer = peer;
            this.address = address;
            this.openedNanos = System.nanoTime();
            this.lastRequestNanos = openedNanos;
        }
    }

    @Override
    public void sessionCreated(IoSession session) {
        InetSocketAddress remote = ProxyProtocolFilter.clientAddress(session); // the proxy's client, if any
        Conversation conversation = new Conversation(Response.Address.of(remote.getAddress()), config.clock(),
                config.maxErrors());
        session.setAttribute(STATE, new State(conversation, SocketAddresses.format(remote), remote.getAddress(),
                ProxyProtocolFilter.isProxyLocal(session)));
        synchronized (sessionsLock) {
            sessions++;
        }
    }

    @Override
    public void sessionOpened(IoSession session) {
        State state = state(session);
        if (shuttingDown) {
            stats.connectionRefused(ServerStats.Refusal.SHUTTING_DOWN);
            closeWith(session, ErrorReason.SHUTTING_DOWN);
            return;
        }
        ServerStats.Refusal refusal = limiter.tryAcquire(state.address);
        if (refusal != null) {
            stats.connectionRefused(refusal);
            LOG.debug("{} refused: {}", state.peer, refusal);
            closeWith(session, ErrorReason.BUSY);
            return;
        }
        synchronized (state) {
            state.admitted = true;
        }
        stats.connectionAccepted();
        info(state, "{} connected", state.peer);
    }

    @Override
    public void messageReceived(IoSession session, Object line) {
        State state = state(session);
        synchronized (state) {
            Conversation conversation = state.conversation;
            if (conversation.ended()) {
                return; // after BYE or a closing error nothing more is answered
            }
            state.lastRequestNanos = System.nanoTime();
            stats.lineAnswered(line instanceof Request ? ((Request) line).command() : null);
            Response reply = conversation.respond(line);
            log(state, line, reply);
            WriteFuture last = write(session, reply);
            Response closing = conversation.closingLine();
            if (closing != null) {
                last = write(session, closing);
            }
            if (conversation.ended()) {
                last.addListener(lingeringClose);
            }
        }
    }

    @Override
    public void inputClosed(IoSession session) {
        // the client shut down its output (half-close, or its close after our last line): send what is queued,
        // then close
        session.closeOnFlush();
    }

    /**
     * Closes a session whose last line was written, without losing that line. Closing a socket with unread
     * input makes TCP send a reset, and a reset makes the client's system discard what it has not read yet,
     * our last line included. So the server sends FIN, keeps reading and discarding until the client closes
     * (then {@link #inputClosed}) or the linger timeout passes (then {@link #enforceTimeouts}).
     */
    private final IoFutureListener<WriteFuture> lingeringClose = written -> {
        IoSession session = written.getSession();
        State state = state(session);
        if (!written.isWritten() || !(session instanceof NioSession)
                || !(((NioSession) session).getChannel() instanceof SocketChannel)) {
            session.closeNow();
            return;
        }
        SocketChannel channel = (SocketChannel) ((NioSession) session).getChannel();
        try {
            if ("bye".equals(state.conversation.endReason()) && nothingUnread(channel)) {
                // the usual end: the client asked to leave and waits for our reply; a plain close sends no reset
                session.closeNow();
                return;
            }
            channel.shutdownOutput();
        } catch (IOException e) {
            session.closeNow();
            return;
        }
        state.lingeringSinceNanos = System.nanoTime();
        if (session.isReadSuspended()) {
            session.resumeRead(); // the input must be drained for the client's close to be seen
        }
    };

    /** Reads (and discards, the session being over) what the client sent; true if nothing was waiting. */
    private static boolean nothingUnread(SocketChannel channel) throws IOException {
        return channel.read(ByteBuffer.allocate(256)) <= 0; // non-blocking under MINA
    }

    @Override
    public void sessionClosed(IoSession session) {
        State state = state(session);
        if (state == null) {
            return; // never set up, never counted
        }
        synchronized (state) {
            if (state.admitted) {
                limiter.release(state.address);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - state.openedNanos);
                info(state, "{} disconnected ({}) after {} requests in {} ms", state.peer,
                        state.conversation.endReason(), state.conversation.requests(), millis);
            }
        }
        synchronized (sessionsLock) {
            if (--sessions == 0) {
                sessionsLock.notifyAll();
            }
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        State state = state(session);
        if (state == null) { // failed before the session was set up: nothing was said to it
            LOG.debug("{} closing: {}", SocketAddresses.format(session.getRemoteAddress()), cause.toString());
            session.closeNow();
            return;
        }
        String reason = cause instanceof WriteTimeoutException ? "write timeout"
                : cause instanceof IOException ? "connection error" : "internal error";
        synchronized (state) {
            state.conversation.end(reason);
        }
        if (cause instanceof IOException) {
            // resets and timeouts are the peer's business: the disconnect line at INFO says enough
            LOG.debug("{} {}: {}", state.peer, reason, SafeText.escape(cause.getMessage()));
        } else {
            LOG.warn("{} closing after an unexpected error", state.peer, cause);
        }
        session.closeNow();
    }

    /** Sends the closing line for {@code reason} unless the session already ended, then closes it. */
    void closeWith(IoSession session, ErrorReason reason) {
        State state = state(session);
        if (state == null) {
            session.closeNow(); // not even created yet: nothing was said to it
            return;
        }
        synchronized (state) {
            if (state.conversation.ended()) {
                return;
            }
            state.conversation.end(reason.token());
            write(session, Response.Error.of(reason)).addListener(lingeringClose);
        }
    }

    /**
     * Enforces the session's timers: closes it for good once it has lingered after its last line for longer than
     * the linger timeout; cuts it if it has unsent replies and took none of them within the write timeout; and
     * closes it with an idle-timeout line if it sent no complete request for too long.
     */
    void enforceTimeouts(IoSession session, long nowNanos, long nowMillis) {
        State state = state(session);
        if (state == null) {
            return;
        }
        long lingeringSince = state.lingeringSinceNanos;
        if (lingeringSince != 0) {
            if (nowNanos - lingeringSince > lingerTimeoutNanos) {
                session.closeNow();
            }
        } else if (session.getScheduledWriteBytes() > 0 && nowMillis - session.getLastWriteTime() > writeTimeoutMillis) {
            // MINA's own write timeout only fires while a second write is queued behind the stuck one, which
            // batched replies and a paused read never produce
            synchronized (state) {
                state.conversation.end("write timeout");
            }
            LOG.debug("{} takes no replies: closing", state.peer);
            session.closeNow();
        } else if (nowNanos - state.lastRequestNanos > idleTimeoutNanos) {
            closeWith(session, ErrorReason.IDLE_TIMEOUT);
        }
    }

    /** From now on, every new connection is told the server is shutting down. */
    void startShutdown() {
        shuttingDown = true;
    }

    /** Waits until no session is left, at most {@code timeoutNanos}; true if none is. */
    boolean awaitNoSessions(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (sessionsLock) {
            while (sessions > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(sessionsLock, left);
            }
            return true;
        }
    }

    private static void log(State state, Object line, Response reply) {
        if (line instanceof Request.Helo) {
            info(state, "{} said HELO {}", state.peer, SafeText.escape(state.conversation.hostname()));
        } else if (LOG.isDebugEnabled()) {
            String request = line instanceof Request
                    ? ((Request) line).line()
                    : "invalid line (" + ((InvalidRequest) line).reason().token() + ")";
            LOG.debug("{} {} -> {}", state.peer, SafeText.escape(request), SafeText.escape(reply.line()));
        }
    }

    private WriteFuture write(IoSession session, Response reply) {
        if (reply instanceof Response.Error) {
            stats.errorReplied(((Response.Error) reply).reason());
        }
        return session.write(reply);
    }

    private static void info(State state, String format, Object... arguments) {
        if (state.quiet) {
            LOG.debug(format, arguments);
        } else {
            LOG.info(format, arguments);
        }
    }

    private static State state(IoSession session) {
        return (State) session.getAttribute(STATE);
    }
}
