package io.helo.server.session;

import io.helo.codec.ErrorReason;
import io.helo.codec.ParsedRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.SafeText;
import io.helo.codec.SocketAddresses;
import io.helo.server.ServerConfig;
import io.helo.server.admission.Admission;
import io.helo.server.admission.Refusal;
import io.helo.server.ops.Counters;
import io.helo.server.proxy.ClientAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteTimeoutException;

/**
 * Wires the session's parts to MINA's events: admission when a session opens, the {@link Conversation} for each
 * line, the {@link LingeringClose} after the last one, the counters and the log throughout.
 */
public final class SessionHandler extends IoHandlerAdapter {
    private final ServerConfig config;
    private final Admission admission;
    private final Counters counters;
    private final LingeringClose lingeringClose = new LingeringClose();

    /** A handler for sessions configured by {@code config}, admitted by {@code admission}. */
    public SessionHandler(ServerConfig config, Admission admission, Counters counters) {
        this.config = config;
        this.admission = admission;
        this.counters = counters;
    }

    @Override
    public void sessionCreated(IoSession session) {
        InetSocketAddress client = ClientAddress.of(session);
        Conversation conversation = new Conversation(Response.Address.of(client.getAddress()), config.clock(),
                config.maxErrors(), counters::errorReplied);
        new SessionState(conversation, SocketAddresses.format(client), client.getAddress(),
                ClientAddress.isProxyLocal(session)).attachTo(session);
    }

    @Override
    public void sessionOpened(IoSession session) {
        SessionState state = SessionState.of(session);
        Optional<Refusal> refusal = admission.admit(state.address);
        if (refusal.isPresent()) {
            counters.connectionRefused(refusal.get());
            SessionLog.debug("{} refused: {}", state.peer, refusal.get().token());
            closeWith(session, refusal.get().reply().orElseThrow());
            return;
        }
        synchronized (state) {
            state.admitted = true;
        }
        counters.connectionAccepted();
        SessionLog.event(state, "{} connected", state.peer);
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        ParsedRequest line = (ParsedRequest) message;
        SessionState state = SessionState.of(session);
        synchronized (state) {
            Conversation conversation = state.conversation;
            if (conversation.ended()) {
                return; // after BYE or a closing error nothing more is answered
            }
            state.lastRequestNanos = System.nanoTime();
            if (line instanceof Request request) {
                counters.requestAnswered(request.command());
            } else {
                counters.invalidLineAnswered();
            }
            Response reply = conversation.respond(line);
            SessionLog.answered(state, line, reply);
            WriteFuture last = session.write(reply);
            Response closing = conversation.closingLine();
            if (closing != null) {
                last = session.write(closing);
            }
            if (conversation.ended()) {
                last.addListener(lingeringClose);
            }
        }
    }

    /** The client shut down its output (half-close, or its close after our last line): send what is queued, close. */
    @Override
    public void inputClosed(IoSession session) {
        session.closeOnFlush();
    }

    @Override
    public void sessionClosed(IoSession session) {
        SessionState state = SessionState.of(session);
        if (state == null) {
            return; // never set up, never counted
        }
        synchronized (state) {
            if (state.admitted) {
                admission.release(state.address);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - state.openedNanos);
                int requests = state.conversation.requests();
                SessionLog.event(state, "{} disconnected ({}) after {} {} in {} ms", state.peer,
                        state.conversation.endReason().text(), requests, requests == 1 ? "request" : "requests", millis);
            }
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        SessionState state = SessionState.of(session);
        if (state == null) { // failed before the session was set up: nothing was said to it
            SessionLog.debug("{} closing: {}", SocketAddresses.format(session.getRemoteAddress()),
                    SafeText.escape(cause.toString()));
            session.closeNow();
            return;
        }
        EndReason reason = cause instanceof WriteTimeoutException ? EndReason.WRITE_TIMEOUT
                : cause instanceof IOException ? EndReason.CONNECTION_ERROR : EndReason.INTERNAL_ERROR;
        synchronized (state) {
            state.conversation.end(reason);
        }
        SessionLog.failed(state, reason, cause);
        session.closeNow();
    }

    /** Sends the closing line for {@code reason} unless the session already ended, then closes it. */
    public void closeWith(IoSession session, ErrorReason reason) {
        SessionState state = SessionState.of(session);
        if (state == null) {
            session.closeNow(); // not even created yet: nothing was said to it
            return;
        }
        synchronized (state) {
            if (state.conversation.ended()) {
                return;
            }
            state.conversation.end(EndReason.closedWith(reason));
            counters.errorReplied(reason);
            session.write(Response.ErrorReply.of(reason)).addListener(lingeringClose);
        }
    }
}
