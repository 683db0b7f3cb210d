package io.helo.server.session;

import io.helo.codec.InvalidRequest;
import io.helo.codec.ParsedRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's log lines: connection events at INFO, each request and reply at DEBUG, and everything about a
 * proxy's own connections (health checks) at DEBUG, so that they do not fill the log. Client text is escaped.
 */
final class SessionLog {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);

    private SessionLog() {
    }

    /** A connection event: INFO, or DEBUG for a proxy's own connection. */
    static void event(SessionState state, String format, Object... arguments) {
        if (state.quiet) {
            LOG.debug(format, arguments);
        } else {
            LOG.info(format, arguments);
        }
    }

    /** One answered line. */
    static void answered(SessionState state, ParsedRequest line, Response reply) {
        if (line instanceof Request.Helo) {
            event(state, "{} said HELO {}", state.peer, SafeText.escape(state.conversation.hostname()));
        } else if (LOG.isDebugEnabled()) {
            String request = line instanceof Request valid
                    ? valid.line()
                    : "invalid line (" + ((InvalidRequest) line).reason().token() + ")";
            LOG.debug("{} {} -> {}", state.peer, SafeText.escape(request), SafeText.escape(reply.line()));
        }
    }

    /** A failure of the connection itself: the peer's business, so DEBUG; a fault of ours is a WARN. */
    static void failed(SessionState state, EndReason reason, Throwable cause) {
        if (reason == EndReason.INTERNAL_ERROR) {
            LOG.warn("{} closing after an unexpected error", state.peer, cause);
        } else {
            LOG.debug("{} {}: {}", state.peer, reason.text(), SafeText.escape(cause.getMessage()));
        }
    }

    /** Anything else worth a DEBUG line. */
    static void debug(String format, Object... arguments) {
        LOG.debug(format, arguments);
    }
}
