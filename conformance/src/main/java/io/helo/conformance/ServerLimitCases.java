package io.helo.conformance;

import static io.helo.conformance.ServerCases.GREETING;
import static io.helo.conformance.ServerCases.closed;
import static io.helo.conformance.ServerCases.define;

import io.helo.codec.ErrorReason;
import io.helo.codec.HeloProtocol;
import io.helo.codec.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** PROTOCOL.md 7, Limits: over-long and endless lines, the error limit, the idle timeout, many clients. */
final class ServerLimitCases {
    /** The least {@code endless-line} sends of its line at a time. */
    private static final int ENDLESS_STEP = 16 * 1024;
    /** How long {@code endless-line} gives the server to answer after each step of a line without end. */
    private static final Duration ENDLESS_PAUSE = Duration.ofMillis(25);
    /** How an over-long line's error reply begins. */
    private static final String LINE_TOO_LONG = Response.ERROR_PREFIX + ErrorReason.LINE_TOO_LONG.token();
    /** How an endless line's last line begins. */
    private static final String UNTERMINATED = Response.ERROR_PREFIX + ErrorReason.UNTERMINATED_LINE.token();
    /** What {@code error-limit} asks to be echoed once the limit is reached: a server that answers has none. */
    private static final String PAST_THE_LIMIT = "past the error limit";

    private ServerLimitCases() {
    }

    /** The cases, in catalogue order. */
    static List<Case<ServerTarget>> all() {
        return List.of(
                lineTooLong(),
                endlessLine(),
                errorLimit(),
                idleTimeout(),
                concurrentClients());
    }

    private static Case<ServerTarget> lineTooLong() {
        return define("7", "line-too-long")
                .level(Level.SHOULD)
                .requirement("A line over the length limit is answered with `ERR line-too-long`; its bytes are"
                        + " discarded up to the line end.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        Verdict tooLong = Expect.error(w.ask("ECHO " + "x".repeat(t.maxLineLength() + 100) + "\r\n"),
                                "line-too-long");
                        return Expect.inOrder(() -> tooLong, () -> Expect.text(w.ask("ECHO after\r\n"), "after"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> endlessLine() {
        return define("7", "endless-line")
                .level(Level.SHOULD)
                .requirement("`ERR unterminated-line`: an over-long line went on past the discard limit without a"
                        + " line end; the server sends it as its last line and closes.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        // send until the server gives up on the line, and not much more: octets sent after its
                        // last line are discarded only up to its limit, then the connection is reset, which
                        // could destroy that line before it is read. So each step gives it a moment to answer, and
                        // is half of what went before (16 KiB at least): past its last line the checker sends less
                        // than the server had taken, and a server that says nothing costs a dozen pauses, not 64.
                        int most = 16 * HeloProtocol.DEFAULT_MAX_DISCARD;
                        boolean answered = false;
                        for (int sent = 0, step = ENDLESS_STEP; sent < most; sent += step,
                                step = Math.min(most - sent, Math.max(ENDLESS_STEP, sent / 2))) {
                            // a server that has said line-too-long is counting: it gets longer to answer each chunk
                            if (w.replyWithin(answered ? ENDLESS_PAUSE.multipliedBy(4) : ENDLESS_PAUSE)) {
                                Wire.Line line = w.read();
                                if (line == null) {
                                    break;
                                }
                                if (line.text().startsWith(UNTERMINATED)) {
                                    return closed(w.awaitClose(t.timeout()));
                                }
                                if (!line.text().startsWith(LINE_TOO_LONG)) {
                                    return Verdict.notMet("expected \"ERR unterminated-line ...\" but got "
                                            + line.shown());
                                }
                                answered = true;
                            }
                            try {
                                w.send("x".repeat(step).getBytes(StandardCharsets.US_ASCII));
                            } catch (IOException e) {
                                break; // the server closed while the line went on: its lines are still readable
                            }
                        }
                        // a server that has not said a word in all that time is not about to: a short last wait
                        if (!w.replyWithin(answered ? t.timeout() : t.quiet())) {
                            return Verdict.notMet("no reply to " + most / 1024 + " KiB without a line end");
                        }
                        for (Wire.Line line; (line = w.read()) != null; ) {
                            if (line.text().startsWith(UNTERMINATED)) {
                                return closed(w.awaitClose(t.timeout()));
                            }
                            if (!line.text().startsWith(LINE_TOO_LONG)) {
                                return Verdict.notMet("expected \"ERR unterminated-line ...\" but got " + line.shown());
                            }
                        }
                        return Verdict.notMet("the connection was closed without \"ERR unterminated-line ...\"");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> errorLimit() {
        return define("7", "error-limit")
                .level(Level.SHOULD)
                .requirement("`ERR too-many-errors`: the session reached the error limit; sent right after the"
                        + " error reply that reached it, then the connection is closed.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        for (int i = 0; i < t.maxErrors(); i++) {
                            Verdict error = Expect.error(w.ask("FROB\r\n"), ErrorReason.UNKNOWN_COMMAND);
                            if (error.kind() != Verdict.Kind.MET) {
                                return error;
                            }
                        }
                        // the final line comes right after the reply that reached the limit; when it has not come
                        // within a quiet period, one more request tells a server without a limit (it answers at once)
                        // from a slow one (it has ended the session and does not), instead of waiting out the timeout
                        if (!w.replyWithin(t.quiet())) {
                            try {
                                w.send("ECHO " + PAST_THE_LIMIT + "\r\n");
                            } catch (IOException closedMeanwhile) {
                                // its lines are still readable
                            }
                        }
                        Wire.Line last = w.read();
                        if (last != null && last.text().equals(PAST_THE_LIMIT)) {
                            return Verdict.notMet("it answered \"ECHO " + PAST_THE_LIMIT + "\" after " + t.maxErrors()
                                    + " error replies, instead of \"ERR too-many-errors ...\" and a close");
                        }
                        return Expect.inOrder(() -> Expect.error(last, ErrorReason.TOO_MANY_ERRORS),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> idleTimeout() {
        return define("7", "idle-timeout")
                .level(Level.SHOULD)
                .requirement("`ERR idle-timeout`: no complete request within the idle timeout ("
                        + HeloProtocol.DEFAULT_IDLE_TIMEOUT.toSeconds()
                        + " s by default); the server sends it as its last line and closes.")
                .tags(Case.SLOW)
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        Duration wait = t.idleTimeout().plus(t.timeout()).plusSeconds(2);
                        Wire.Line line = readWithin(w, wait);
                        return Expect.inOrder(() -> Expect.error(line, ErrorReason.IDLE_TIMEOUT),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> concurrentClients() {
        return define("7", "concurrent-clients")
                .level(Level.SHOULD)
                .requirement("The server serves many connections at once (10000 by default, `busy` beyond): a"
                        + " second client is served while a first one stays connected.")
                .check(t -> {
                    try (Wire first = t.greeted(); Wire second = t.open()) {
                        try {
                            return Expect.text(second.send("HELO checker\r\n").read(), GREETING);
                        } catch (Wire.NoReplyException e) {
                            return Verdict.notMet("a second client got no greeting within " + Show.duration(t.timeout())
                                    + " while a first one stayed connected: one client at a time");
                        }
                    }
                })
                .build();
    }

    private static Wire.Line readWithin(Wire wire, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return wire.read();
            } catch (Wire.NoReplyException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
