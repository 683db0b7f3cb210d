package io.helo.server.session;

import io.helo.codec.SafeText;
import io.helo.server.ops.LogRate;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The session's log lines: one INFO line per connection when it ends, with everything about it, within the rate
 * {@link LogRate} allows (the rest are counted and summarised); each request and reply at DEBUG; a proxy's own
 * connections (health checks) at DEBUG only. Client text is escaped and capped.
 */
final class SessionLog {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);

    private SessionLog() {
    }

    /** True if each request and reply is logged. */
    static boolean perRequest() {
        return LOG.isDebugEnabled();
    }

    /** One answered line and its reply (or replies), each as {@link #text}; DEBUG. */
    static void answered(Object peer, String request, String reply) {
        LOG.debug("{} {} -> {}", peer, request, reply);
    }

    /** {@code bytes[from, to)} as a log line shows them: escaped, without the last CRLF, other line ends as bars. */
    static String text(byte[] bytes, int from, int to) {
        int end = to >= from + 2 && bytes[to - 2] == '\r' && bytes[to - 1] == '\n' ? to - 2 : to;
        return SafeText.escape(new String(bytes, from, end - from, StandardCharsets.UTF_8).replace("\r\n", " | "));
    }

    /** The end of an admitted session: one line with all there is to say about it. */
    static void ended(Connection connection, IoSession session, LogRate rate) {
        boolean quiet = connection.isQuiet();
        if (quiet ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled() || !rate.tryAcquire()) {
            return;
        }
        Conversation conversation = connection.conversation();
        String peer = connection.toString();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connection.openedNanos());
        int requests = conversation.requests();
        String hostname = conversation.hostname() == null ? "no HELO" : "HELO " + SafeText.escape(conversation.hostname());
        String format = "{} disconnected ({}) after {} {} in {} ms: {}, {} {}, {} bytes in, {} out";
        Object[] arguments = {peer, conversation.endReason().text(), requests,
            requests == 1 ? "request" : "requests", millis, hostname, conversation.errors(),
            conversation.errors() == 1 ? "error" : "errors", session.getReadBytes(), session.getWrittenBytes()};
        // the same facts as fields, for structured (JSON) logs; a text pattern shows only the message
        LoggingEventBuilder line = LOG.makeLoggingEventBuilder(quiet ? Level.DEBUG : Level.INFO).setMessage(format);
        for (Object argument : arguments) {
            line = line.addArgument(argument);
        }
        line = line.addKeyValue("client", peer).addKeyValue("session", session.getId())
                .addKeyValue("reason", conversation.endReason().text()).addKeyValue("requests", requests)
                .addKeyValue("millis", millis).addKeyValue("errors", conversation.errors())
                .addKeyValue("bytesIn", session.getReadBytes()).addKeyValue("bytesOut", session.getWrittenBytes());
        if (conversation.hostname() != null) {
            line = line.addKeyValue("hostname", SafeText.escape(conversation.hostname()));
        }
        line.log();
    }

    /** A failure of the connection itself: the peer's business, so DEBUG; a fault of ours is a WARN. */
    static void failed(Object peer, EndReason reason, Throwable cause) {
        if (reason == EndReason.INTERNAL_ERROR) {
            LOG.warn("{} closing after an unexpected error", peer, cause);
        } else {
            LOG.debug("{} {}: {}", peer, reason.text(), SafeText.escape(cause.getMessage()));
        }
    }

    /** Anything else worth a DEBUG line. */
    static void debug(String format, Object... arguments) {
        LOG.debug(format, arguments);
    }
}
