package io.helo.server.session;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.codec.ReplyWriter;
import io.helo.codec.RequestLine;
import io.helo.codec.Response;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * The state of one client's session and the answer to each of its lines, written as octets; no I/O, so tests
 * need no socket.
 *
 * <p>Every line gets one reply. The conversation ends with BYE, with an error that closes the connection, or
 * when the error limit is reached (its closing line follows the reply that reached it); then {@link #ended()} is
 * true and nothing more is answered.
 */
final class Conversation {
    private static final byte[] GOODBYE = ReplyWriter.encode(new Response.Goodbye());
    private static final byte[][] ERRORS = new byte[ErrorReason.values().length][];

    static {
        for (ErrorReason reason : ErrorReason.values()) {
            ERRORS[reason.ordinal()] = ReplyWriter.encode(Response.ErrorReply.of(reason));
        }
    }

    private final InetAddress address;
    private final ClockReplies clock;
    private byte[] addressLine;
    private final int maxErrors;
    private final Consumer<ErrorReason> errorReplied;
    private String hostname;
    private boolean ended;
    private int requests;
    private int errors;
    private EndReason endReason = EndReason.CLIENT_CLOSED;

    /** A conversation with the client at {@code address}; {@code errorReplied} hears of every error reply. */
    Conversation(InetAddress address, ClockReplies clock, int maxErrors, Consumer<ErrorReason> errorReplied) {
        this.address = address;
        this.clock = clock;
        this.maxErrors = maxErrors;
        this.errorReplied = errorReplied;
    }

    /** Answers one line into {@code out}. */
    void answer(RequestLine line, ReplyWriter out) {
        requests++;
        if (!line.isValid()) {
            error(line.error(), out);
            return;
        }
        Command command = line.command();
        if (hostname == null && command != Command.HELO && command != Command.BYE) {
            error(ErrorReason.HELO_REQUIRED, out);
            return;
        }
        switch (command) {
            case HELO -> {
                hostname = line.argument();
                out.greeting(line.bytes(), line.argumentFrom(), line.argumentTo());
            }
            case REQTIME -> clock.writeTime(out);
            case REQDATE -> clock.writeDate(out);
            case ECHO -> out.echo(line.bytes(), line.argumentFrom(), line.argumentTo());
            case REQIP -> out.writeEncoded(addressLine());
            case BYE -> {
                out.writeEncoded(GOODBYE);
                end(EndReason.BYE);
            }
        }
    }

    /** The REQIP reply, made when first asked: most sessions never ask. */
    private byte[] addressLine() {
        if (addressLine == null) {
            addressLine = ReplyWriter.encode(Response.Address.of(address));
        }
        return addressLine;
    }

    /** Answers a line that was no request at all: too long, unterminated, another protocol's. */
    void reject(ErrorReason reason, ReplyWriter out) {
        requests++;
        error(reason, out);
    }

    private void error(ErrorReason reason, ReplyWriter out) {
        errors++;
        reply(reason, out);
        if (reason.closesConnection()) {
            end(EndReason.closedWith(reason));
        } else if (errors >= maxErrors) {
            reply(ErrorReason.TOO_MANY_ERRORS, out);
            end(EndReason.TOO_MANY_ERRORS);
        }
    }

    /** Writes the closing line for {@code reason} and ends, e.g. when the server closes the session on its own. */
    void close(ErrorReason reason, ReplyWriter out) {
        reply(reason, out);
        end(EndReason.closedWith(reason));
    }

    private void reply(ErrorReason reason, ReplyWriter out) {
        errorReplied.accept(reason);
        out.writeEncoded(ERRORS[reason.ordinal()]);
    }

    /** Ends the conversation for {@code reason}, unless it already ended. */
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

    /** How many error replies the client got. */
    int errors() {
        return errors;
    }
}
