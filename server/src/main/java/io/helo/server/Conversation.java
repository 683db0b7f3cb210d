package io.helo.server;

import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;

/** The state of one client's session and the answer to each of its requests; no I/O, so tests need no socket. */
final class Conversation {
    private static final Response GOODBYE = new Response.Goodbye();
    private static final Response HELO_REQUIRED = Response.Error.of(ErrorReason.HELO_REQUIRED);

    private final Response.Address clientAddress;
    private final Clock clock;
    private String hostname;
    private boolean ended;
    private int requests;

    Conversation(Response.Address clientAddress, Clock clock) {
        this.clientAddress = clientAddress;
        this.clock = clock;
    }

    /** The reply to {@code request}; HELO is required before anything but HELO and BYE. */
    Response answer(Request request) {
        requests++;
        if (request instanceof Request.Helo) {
            hostname = ((Request.Helo) request).hostname();
            return new Response.Greeting(hostname);
        }
        if (request instanceof Request.Bye) {
            ended = true;
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

    /** The reply to a line the decoder could not accept. */
    Response reject(InvalidRequest invalid) {
        requests++;
        return invalid.reply();
    }

    /** True once BYE was answered: nothing more is read from this client. */
    boolean ended() {
        return ended;
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
