package io.helo.server;

import io.helo.codec.InvalidRequest;
import io.helo.codec.SafeText;
import io.helo.codec.Request;
import io.helo.codec.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers each decoded request line of each session; all per-client state lives in its {@link Conversation}. */
final class ProtocolHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolHandler.class);
    private static final AttributeKey STATE = new AttributeKey(ProtocolHandler.class, "state");

    private final Clock clock;

    ProtocolHandler(Clock clock) {
        this.clock = clock;
    }

    /** What the handler keeps per session: the conversation and the peer's text form, computed once. */
    private record State(Conversation conversation, String peer, long openedNanos) {
    }

    @Override
    public void sessionCreated(IoSession session) {
        InetSocketAddress remote = (InetSocketAddress) session.getRemoteAddress();
        Conversation conversation = new Conversation(Response.Address.of(remote.getAddress()), clock);
        session.setAttribute(STATE, new State(conversation, Endpoints.format(remote), System.nanoTime()));
    }

    @Override
    public void sessionOpened(IoSession session) {
        LOG.info("{} connected", state(session).peer());
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        State state = state(session);
        Conversation conversation = state.conversation();
        if (conversation.ended()) {
            return; // lines pipelined after BYE are not answered
        }
        Response reply = message instanceof Request
                ? conversation.answer((Request) message)
                : conversation.reject((InvalidRequest) message);
        log(state, message, reply);
        WriteFuture written = session.write(reply);
        if (conversation.ended()) {
            // close only once the goodbye is on the wire; closeNow() would discard it
            written.addListener(IoFutureListener.CLOSE);
        }
    }

    @Override
    public void inputClosed(IoSession session) {
        // the client shut down its output (half-close): send what is queued, then close
        session.closeOnFlush();
    }

    @Override
    public void sessionClosed(IoSession session) {
        State state = (State) session.getAttribute(STATE);
        if (state != null) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - state.openedNanos());
            LOG.info("{} disconnected after {} requests in {} ms", state.peer(), state.conversation().requests(), millis);
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        State state = (State) session.getAttribute(STATE);
        String peer = state == null ? Endpoints.format(session.getRemoteAddress()) : state.peer();
        if (cause instanceof IOException) {
            LOG.info("{} connection error: {}", peer, SafeText.escape(cause.getMessage()));
        } else {
            LOG.warn("{} closing after an unexpected error", peer, cause);
        }
        session.closeNow();
    }

    private static void log(State state, Object message, Response reply) {
        if (message instanceof Request.Helo) {
            LOG.info("{} said HELO {}", state.peer(), SafeText.escape(state.conversation().hostname()));
        } else if (LOG.isDebugEnabled()) {
            String request = message instanceof Request
                    ? ((Request) message).line()
                    : "invalid line (" + ((InvalidRequest) message).reason().token() + ")";
            LOG.debug("{} {} -> {}", state.peer(), SafeText.escape(request), SafeText.escape(reply.line()));
        }
    }

    private static State state(IoSession session) {
        return (State) session.getAttribute(STATE);
    }
}
