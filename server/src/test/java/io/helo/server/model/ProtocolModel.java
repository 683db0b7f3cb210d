package io.helo.server.model;

import io.helo.codec.ErrorReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The session of PROTOCOL.md section 4 as a state machine with no I/O: for each line a client sends, the reply
 * lines a server must send (without CRLF), given the lines before it. GREETING until HELO, TRANSACTION after it,
 * CLOSED after BYE, a closing error, or the error limit's reply.
 */
final class ProtocolModel {
    private final int maxErrors;
    private final String clientAddress;
    private final String time;
    private final String date;
    private String hostname;
    private int errors;
    private boolean started;
    private boolean ended;
    private String endedBy;

    /** A model of a server with {@code maxErrors}, a fixed clock, and a client at {@code clientAddress}. */
    ProtocolModel(int maxErrors, String clientAddress, String time, String date) {
        this.maxErrors = maxErrors;
        this.clientAddress = clientAddress;
        this.time = time;
        this.date = date;
    }

    /** The replies to {@code line}; none once the session has ended. */
    List<String> replies(Sent line) {
        List<String> out = new ArrayList<>();
        if (ended) {
            return out;
        }
        boolean first = !started;
        started = true;
        if (line.verdict() instanceof Sent.Valid valid) {
            answer(valid, out);
        } else if (line.verdict() instanceof Sent.Invalid invalid) {
            error(invalid.reason(), out);
        } else if (line.verdict() instanceof Sent.Foreign) {
            error(first ? ErrorReason.WRONG_PROTOCOL : ErrorReason.UNKNOWN_COMMAND, out);
        } else {
            error(ErrorReason.LINE_TOO_LONG, out);
            if (!ended) {
                error(ErrorReason.UNTERMINATED_LINE, out);
            }
        }
        return out;
    }

    /** True once the server has sent its last line and closes. */
    boolean ended() {
        return ended;
    }

    /** What ended the session: BYE or the closing error's token; {@code null} while it goes on. */
    String endedBy() {
        return endedBy;
    }

    private void answer(Sent.Valid request, List<String> out) {
        switch (request.command()) {
            case HELO -> {
                hostname = request.argument();
                out.add("Hello " + hostname + ", pleased to meet you.");
            }
            case BYE -> {
                out.add("See ya later");
                end("BYE");
            }
            case REQTIME, REQDATE, ECHO, REQIP -> {
                if (hostname == null) {
                    error(ErrorReason.HELO_REQUIRED, out);
                    return;
                }
                out.add(switch (request.command()) {
                    case REQTIME -> time;
                    case REQDATE -> date;
                    case ECHO -> request.argument();
                    default -> clientAddress;
                });
            }
        }
    }

    private void error(ErrorReason reason, List<String> out) {
        errors++;
        out.add("ERR " + reason.token() + " " + reason.text());
        if (reason.closesConnection()) {
            end(reason.token());
        } else if (errors >= maxErrors) {
            out.add("ERR " + ErrorReason.TOO_MANY_ERRORS.token() + " " + ErrorReason.TOO_MANY_ERRORS.text());
            end(ErrorReason.TOO_MANY_ERRORS.token());
        }
    }

    private void end(String why) {
        ended = true;
        endedBy = why;
    }
}
