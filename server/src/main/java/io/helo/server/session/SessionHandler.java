package io.helo.server.session;

import io.helo.codec.ErrorReason;
import io.helo.codec.SafeText;
import io.helo.codec.SocketAddresses;
import io.helo.server.ops.FatalErrors;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * MINA's handler: makes each session's {@link Connection} when the session is created and hands it the session's
 * events. Nothing else; the connection does the work.
 */
public final class SessionHandler extends IoHandlerAdapter {
    private final SessionContext context;

    /**
     * A handler for the sessions of one server.
     *
     * @param context what the server's connections share
     */
    public SessionHandler(SessionContext context) {
        this.context = context;
    }

    @Override
    public void sessionCreated(IoSession session) {
        Connection.open(session, context);
    }

    @Override
    public void sessionOpened(IoSession session) {
        Connection.of(session).opened();
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        Connection.of(session).received((IoBuffer) message);
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        Connection.of(session).sent();
    }

    /** The client shut down its output (half-close, or its close after our last line). */
    @Override
    public void inputClosed(IoSession session) {
        Connection.of(session).inputClosed();
    }

    @Override
    public void sessionClosed(IoSession session) {
        Connection connection = Connection.of(session);
        if (connection != null) { // else never set up, never counted
            connection.closed();
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        FatalErrors.haltIfFatal(cause);
        Connection connection = Connection.of(session);
        if (connection == null) { // failed before the session was set up: nothing was said to it
            SessionLog.debug("{} closing: {}", SocketAddresses.format(session.getRemoteAddress()),
                    SafeText.escape(cause.toString()));
            session.closeNow();
            return;
        }
        connection.failed(cause);
    }

    /**
     * Answers what the session holds, then sends the closing line for {@code reason} and closes it.
     *
     * @param session the session to close
     * @param reason the reason of the closing line
     */
    public void closeWith(IoSession session, ErrorReason reason) {
        Connection connection = Connection.of(session);
        if (connection == null) {
            session.closeNow(); // not even created yet: nothing was said to it
            return;
        }
        connection.closeWith(reason);
    }

    /**
     * The periodic check of the session's timers (handshake, write and idle timeouts).
     *
     * @param session any session of the server
     * @param nowMillis the wall clock, as MINA's session times are
     */
    public void tick(IoSession session, long nowMillis) {
        Connection connection = Connection.of(session);
        if (connection != null) {
            connection.tick(nowMillis);
        }
    }

    /**
     * What the session's unsent replies hold, for the flow control's count.
     *
     * @param session any session of the server
     * @return its unsent octets and what its writes hold beyond them
     */
    public long unsent(IoSession session) {
        Connection connection = Connection.of(session);
        return connection == null ? session.getScheduledWriteBytes() : connection.unsent();
    }
}
