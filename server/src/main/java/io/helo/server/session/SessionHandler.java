package io.helo.server.session;

import io.helo.codec.ErrorReason;
import io.helo.codec.LineFramer;
import io.helo.codec.SafeText;
import io.helo.codec.SocketAddresses;
import io.helo.server.ServerConfig;
import io.helo.server.admission.Admission;
import io.helo.server.admission.Refusal;
import io.helo.server.ops.Counters;
import io.helo.server.ops.FatalErrors;
import io.helo.server.ops.LogRate;
import io.helo.server.proxy.ClientAddress;
import io.helo.server.transport.FlowControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteTimeoutException;

/**
 * Wires a session's parts to MINA's events: admission when it opens, {@link SessionFlow} (and through it the
 * {@link Conversation}) for its octets, the counters and the log throughout. Each event works under the session's
 * state lock.
 */
public final class SessionHandler extends IoHandlerAdapter {
    private final ServerConfig config;
    private final Admission admission;
    private final Counters counters;
    private final LogRate logRate;
    private final ClockLines clock;
    private final SessionFlow flow;
    private final Function<IoSession, Transport> transports;

    /**
     * A handler for sessions configured by {@code config}; {@code timer} times their lingering close.
     *
     * @param config the limits, timeouts and clock of the server
     * @param admission decides which sessions are served
     * @param counters counts the sessions, requests and errors
     * @param flowControl pauses and resumes reading for the octets held
     * @param logRate limits the per-connection log lines
     * @param timer times the lingering close and the quiet period
     * @param transports what the port of each new session changes for it
     */
    public SessionHandler(ServerConfig config, Admission admission, Counters counters, FlowControl flowControl,
            LogRate logRate, ScheduledExecutorService timer, Function<IoSession, Transport> transports) {
        this.transports = transports;
        this.config = config;
        this.admission = admission;
        this.counters = counters;
        this.logRate = logRate;
        this.clock = new ClockLines(config.clock());
        this.flow = new SessionFlow(counters, flowControl,
                new LingeringClose(timer, config.lingerTimeout().toNanos(), config.maxDiscard()), config.maxReadBytes(),
                timer, config.quietLineEnd().toNanos(), new DirectWrite(true, counters));
    }

    @Override
    public void sessionCreated(IoSession session) {
        InetSocketAddress client = ClientAddress.of(session);
        Conversation conversation = new Conversation(client.getAddress(), clock, config.maxErrors(),
                counters::errorReplied);
        new SessionState(conversation, new LineFramer(config.maxLineLength(), config.maxDiscard()), client,
                ClientAddress.isProxyLocal(session), transports.apply(session)).attachTo(session);
    }

    @Override
    public void sessionOpened(IoSession session) {
        SessionState state = SessionState.of(session);
        Optional<Refusal> refusal = admission.admit(state.address, state.quiet);
        if (refusal.isPresent()) {
            counters.connectionRefused(refusal.get());
            SessionLog.debug("{} refused: {}", state.peer(), refusal.get().token());
            closeWith(session, refusal.get().reply().orElseThrow());
            return;
        }
        synchronized (state) {
            state.admitted = true;
        }
        counters.connectionAccepted();
        SessionLog.debug("{} connected", state.peer());
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        SessionState state = SessionState.of(session);
        synchronized (state) {
            flow.received(session, state, (IoBuffer) message);
        }
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        SessionState state = SessionState.of(session);
        synchronized (state) {
            flow.sent(session, state);
        }
    }

    /** The client shut down its output (half-close, or its close after our last line). */
    @Override
    public void inputClosed(IoSession session) {
        SessionState state = SessionState.of(session);
        synchronized (state) {
            flow.inputClosed(session, state);
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        SessionState state = SessionState.of(session);
        if (state == null) {
            return; // never set up, never counted
        }
        synchronized (state) {
            flow.closed(state);
            if (state.admitted) {
                admission.release(state.address);
                SessionLog.ended(state, session, logRate);
            }
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        FatalErrors.haltIfFatal(cause);
        SessionState state = SessionState.of(session);
        if (state == null) { // failed before the session was set up: nothing was said to it
            SessionLog.debug("{} closing: {}", SocketAddresses.format(session.getRemoteAddress()),
                    SafeText.escape(cause.toString()));
            session.closeNow();
            return;
        }
        EndReason reason = cause instanceof WriteTimeoutException ? EndReason.WRITE_TIMEOUT
                : cause instanceof SSLException ? EndReason.TLS_ERROR
                : cause instanceof IOException ? EndReason.CONNECTION_ERROR : EndReason.INTERNAL_ERROR;
        synchronized (state) {
            state.conversation.end(reason);
        }
        SessionLog.failed(state, reason, cause);
        state.transport.closeAfterFailure(session, reason);
    }

    /**
     * What the session's unsent replies hold, for the flow control's count.
     *
     * @param session any session of the server
     * @return its unsent octets and what its writes hold beyond them
     */
    public long unsent(IoSession session) {
        SessionState state = SessionState.of(session);
        return state == null ? session.getScheduledWriteBytes() : state.transport.unsent(session);
    }

    /**
     * Answers what the session holds, then sends the closing line for {@code reason} and closes it.
     *
     * @param session the session to close
     * @param reason the reason of the closing line
     */
    public void closeWith(IoSession session, ErrorReason reason) {
        SessionState state = SessionState.of(session);
        if (state == null) {
            session.closeNow(); // not even created yet: nothing was said to it
            return;
        }
        synchronized (state) {
            flow.closeWith(session, state, reason);
        }
    }
}
