package io.helo.client;

import io.helo.codec.ClosingNotice;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.ServerLine;
import io.helo.codec.UnexpectedReply;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * The client's handler: completes the oldest awaited reply with each answer, and ends every exchange, pending or
 * later, once the server ends the session (a closing notice, or a close) or TLS fails. Over TLS it also tells when
 * the handshake is done.
 */
final class Exchanges extends IoHandlerAdapter {
    private final Queue<CompletableFuture<Response>> awaited = new ArrayDeque<>();
    private final CompletableFuture<SSLSession> secured = new CompletableFuture<>();
    private HeloConnection.SessionEnded ended;

    /** A future for the reply to {@code request}, already failed if the session is over. */
    synchronized CompletableFuture<Response> expect(Request request) {
        CompletableFuture<Response> reply = new CompletableFuture<>();
        if (ended != null) {
            reply.completeExceptionally(ended);
        } else {
            awaited.add(reply);
        }
        return reply;
    }

    /** Completes with the TLS session once the handshake is done; fails as every exchange does if it never is. */
    CompletableFuture<SSLSession> secured() {
        return secured;
    }

    /** MINA's SslFilter says SECURED once the handshake is done and the TLS session is in the attribute. */
    @Override
    public void event(IoSession session, FilterEvent event) {
        if (event == SslEvent.SECURED) {
            secured.complete((SSLSession) session.getAttribute(SslFilter.SSL_SECURED));
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        ServerLine line = (ServerLine) message;
        if (line instanceof ClosingNotice notice) {
            end(new HeloConnection.SessionEnded(notice));
        } else if (line instanceof UnexpectedReply unexpected) {
            next().completeExceptionally(new IllegalStateException(unexpected.tooLong()
                    ? "reply line longer than --max-reply-length" : unexpected.describe()));
        } else {
            next().complete((Response) line);
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        end(new HeloConnection.SessionEnded(null, cause instanceof ClientTlsFilter.HandshakeFailed
                ? cause.getMessage() : "connection error: " + cause.getMessage()));
        session.closeNow();
    }

    @Override
    public void sessionClosed(IoSession session) {
        end(new HeloConnection.SessionEnded(null));
    }

    private synchronized CompletableFuture<Response> next() {
        CompletableFuture<Response> next = awaited.poll();
        return next != null ? next : new CompletableFuture<>(); // a line nobody awaits: the codec told it apart
    }

    private synchronized void end(HeloConnection.SessionEnded why) {
        if (ended == null) {
            ended = why;
        }
        secured.completeExceptionally(ended);
        for (CompletableFuture<Response> next; (next = awaited.poll()) != null; ) {
            next.completeExceptionally(ended);
        }
    }
}
