package io.helo.server;

import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The state of one client's session and the answer to each of its lines; no I/O, so tests need no socket.
 *
 * <p>Every line gets one reply. The conversation ends with BYE, with an error reason that closes the connection,
 * or when the error limit is reached; then {@link #ended()} is true and nothing more is answered.
 */
final class Conversation {
    private static final Response GOODBYE = new Response.Goodbye();
    private static final Response HELO_REQUIRED = Response.Error.of(ErrorReason.HELO_REQUIRED);
    private static final Response TOO_MANY_ERRORS = Response.Error.of(ErrorReason.TOO_MANY_ERRORS);

    private final Response.Address clientAddress;
    private final Clock clock;
    private final int maxErrors;
    private String hostname;
    private boolean ended;
    private int requests;
    private int errors;
    private String endReason = "client closed";

    Conversation(Response.Address clientAddress, Clock clock, int maxErrors) {
        this.clientAddress = clientAddress;
        this.clock = clock;
        this.maxErrors = maxErrors;
    }

    /** The reply to a decoded line: a {@link Request} or an {@link InvalidRequest}. */
    Response respond(Object line) {
        requests++;
        Response reply = line instanceof Request ? answer((Request) line) : ((InvalidRequest) line).reply();
        if (reply instanceof Response.Error) {
            errors++;
            if (line instanceof InvalidRequest && ((InvalidRequest) line).reason().closesConnection()) {
                end(((InvalidRequest) line).reason().token());
            }
        }
        return reply;
    }

    /** The line to send after the last reply if the error limit was just reached, else {@code null}; it ends. */
    Response closingLine() {
        if (!ended && errors >= maxErrors) {
            end(ErrorReason.TOO_MANY_ERRORS.token());
            return TOO_MANY_ERRORS;
        }
        return null;
    }

    private Response answer(Request request) {
        if (request instanceof Request.Helo) {
            hostname = ((Request.Helo) request).hostname();
            return new Response.Greeting(hostname);
        }
        if (request instanceof Request.Bye) {
            end("bye");
            return GOODBYE;
        }
        if (hostname == null) {
            return HELO_REQUIRED;
        }
        if (request instanceof Request.ReqTime) {
            return new Response.Time(LocalTime.now(clock));
        }
        if (request instanceof Request.ReqDate) {
            return new Response.Date(LocalDate.now(clock));
        }
        if (request instanceof Request.Echo) {
            return new Response.Echo(((Request.Echo) request).text());
        }
        if (request instanceof Request.ReqIp) {
            return clientAddress;
        }
        throw new AssertionError("no answer for " + request.command());
    }

    /** Ends the conversation for {@code reason}, e.g. when the server closes it on its own. */
    void end(String reason) {
        if (!ended) {
            ended = true;
            endReason = reason;
        }
    }

    /** True once the conversation is over: nothing more is answered. */
    boolean ended() {
        return ended;
    }

    /** Why the conversation ended, for the log: {@code bye}, an error token, or {@code client closed}. */
    String endReason() {
        return endReason;
    }

    /** The name the client gave in its last HELO, or {@code null}. */
    String hostname() {
        return hostname;
    }

    /** How many lines the client sent, valid or not. */
    int requests() {
        return requests;
    }
}
