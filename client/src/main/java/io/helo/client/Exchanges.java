package io.helo.client;

import io.helo.codec.ClosingNotice;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.ServerLine;
import io.helo.codec.UnexpectedReply;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * The client's handler: completes the oldest awaited reply with each answer, and ends every exchange, pending or
 * later, once the server ends the session (a closing notice, or a close).
 */
final class Exchanges extends IoHandlerAdapter {
    private final Queue<CompletableFuture<Response>> awaited = new ArrayDeque<>();
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
        end(new HeloConnection.SessionEnded(null, "connection error: " + cause.getMessage()));
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
        for (CompletableFuture<Response> next; (next = awaited.poll()) != null; ) {
            next.completeExceptionally(ended);
        }
    }
}
