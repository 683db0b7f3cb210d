package io.helo.server.session;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.ParsedRequest;
import io.helo.codec.Request;
import io.helo.codec.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.function.Consumer;

/**
 * The state of one client's session and the answer to each of its lines; no I/O, so tests need no socket.
 *
 * <p>Every line gets one reply. The conversation ends with BYE, with an error reason that closes the connection,
 * or when the error limit is reached; then {@link #ended()} is true and nothing more is answered.
 */
final class Conversation {
    private static final Response GOODBYE = new Response.Goodbye();
    private static final Response HELO_REQUIRED = Response.ErrorReply.of(ErrorReason.HELO_REQUIRED);
    private static final Response TOO_MANY_ERRORS = Response.ErrorReply.of(ErrorReason.TOO_MANY_ERRORS);

    private final Response.Address clientAddress;
    private final Clock clock;
    private final int maxErrors;
    private final Consumer<ErrorReason> errorReplied;
    private String hostname;
    private boolean ended;
    private int requests;
    private int errors;
    private EndReason endReason = EndReason.CLIENT_CLOSED;

    /** A conversation with the client at {@code clientAddress}; {@code errorReplied} hears of every error reply. */
    Conversation(Response.Address clientAddress, Clock clock, int maxErrors, Consumer<ErrorReason> errorReplied) {
        this.clientAddress = clientAddress;
        this.clock = clock;
        this.maxErrors = maxErrors;
        this.errorReplied = errorReplied;
    }

    /** The reply to one line. */
    Response respond(ParsedRequest line) {
        requests++;
        if (line instanceof InvalidRequest invalid) {
            ErrorReason reason = invalid.reason();
            if (reason.closesConnection()) {
                end(EndReason.closedWith(reason));
            }
            return error(reason, invalid.reply());
        }
        return answer((Request) line);
    }

    /** The line to send after the last reply if the error limit was just reached, else {@code null}; it ends. */
    Response closingLine() {
        if (!ended && errors >= maxErrors) {
            end(EndReason.TOO_MANY_ERRORS);
            return error(ErrorReason.TOO_MANY_ERRORS, TOO_MANY_ERRORS);
        }
        return null;
    }

    private Response answer(Request request) {
        Command verb = request.command();
        if (hostname == null && verb != Command.HELO && verb != Command.BYE) {
            return error(ErrorReason.HELO_REQUIRED, HELO_REQUIRED);
        }
        return switch (verb) {
            case HELO -> {
                hostname = ((Request.Helo) request).hostname();
                yield new Response.Greeting(hostname);
            }
            case BYE -> {
                end(EndReason.BYE);
                yield GOODBYE;
            }
            case REQTIME -> new Response.CurrentTime(LocalTime.now(clock));
            case REQDATE -> new Response.CurrentDate(LocalDate.now(clock));
            case ECHO -> new Response.Echo(((Request.Echo) request).text());
            case REQIP -> clientAddress;
        };
    }

    private Response error(ErrorReason reason, Response reply) {
        errors++;
        errorReplied.accept(reason);
        return reply;
    }

    /** Ends the conversation for {@code reason}, e.g. when the server closes it on its own. */
    void end(EndReason reason) {
        if (!ended) {
            ended = true;
            endReason = reason;
        }
    }

    /** True once the conversation is over: nothing more is answered. */
    boolean ended() {
        return ended;
    }

    /** Why the conversation ended; {@link EndReason#CLIENT_CLOSED} until it does. */
    EndReason endReason() {
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
