package io.helo.conformance;

import static io.helo.conformance.ServerCases.GREETING;
import static io.helo.conformance.ServerCases.define;

import io.helo.codec.ErrorReason;
import java.time.Duration;
import java.util.List;

/** PROTOCOL.md 2, Transport, and 2.1, Peers that send no line ends: how requests and replies travel as lines. */
final class ServerTransportCases {
    /** The pause between the two halves of {@code split-request}. */
    private static final Duration SPLIT_PAUSE = Duration.ofMillis(100);

    private ServerTransportCases() {
    }

    /** The cases, in catalogue order. */
    static List<Case<ServerTarget>> all() {
        return List.of(
                replyCrlf(),
                lfAccepted(),
                pipelining(),
                utf8(),
                loneCr(),
                crCrLf(),
                splitRequest(),
                requestWithoutLineEnd());
    }

    private static Case<ServerTarget> replyCrlf() {
        return define("2", "reply-crlf")
                .level(Level.MUST)
                .requirement("Every reply is exactly one line ending in CRLF. Servers MUST NOT send a bare LF.")
                .check(t -> {
                    // one request at a time and no BYE: this case judges line ends, not pipelining or goodbyes
                    try (Wire w = t.open()) {
                        for (String request : List.of("HELO checker\r\n", "REQTIME\r\n", "ECHO x\r\n")) {
                            Wire.Line line = w.send(request).expectLine();
                            if (!line.end().equals("\r\n")) {
                                return Verdict.notMet("the reply to " + Show.text(request) + " is " + line.shown()
                                        + ": " + describeEnd(line.end()));
                            }
                        }
                        return Verdict.met();
                    }
                })
                .build();
    }

    private static Case<ServerTarget> lfAccepted() {
        return define("2", "lf-accepted")
                .level(Level.MUST)
                .requirement("Senders MUST end every line with CRLF; receivers MUST also accept a bare LF.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.text(w.ask("HELO checker\n"), GREETING),
                                () -> Expect.text(w.ask("ECHO bare\n"), "bare"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> pipelining() {
        return define("2", "pipelining")
                .level(Level.MUST)
                .requirement("A client MAY send several requests without waiting for replies (pipelining). The"
                        + " server answers them in order.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        w.send("HELO checker\r\nECHO one\r\nECHO two\r\nECHO three\r\n");
                        return Expect.inOrder(() -> Expect.text(w.read(), GREETING), () -> Expect.text(w.read(), "one"),
                                () -> Expect.text(w.read(), "two"), () -> Expect.text(w.read(), "three"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> utf8() {
        return define("2", "utf8")
                .level(Level.MUST)
                .requirement("Requests and replies are lines of UTF-8 text (RFC 3629).")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO héllo wörld ✓ 日本語\r\n").read(), "héllo wörld ✓ 日本語");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> loneCr() {
        return define("2", "lone-cr")
                .level(Level.MUST)
                .requirement("A CR never ends a line by itself: `HELO x` CR `REQIP` LF [is] one line answered with"
                        + " `ERR bad-character`.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("ECHO x\rREQIP\r\n"), ErrorReason.BAD_CHARACTER),
                                () -> Expect.text(w.ask("ECHO next\r\n"), "next"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> crCrLf() {
        return define("2", "cr-cr-lf")
                .level(Level.MUST)
                .requirement("The CR of a CRLF belongs to the line end and is removed with it: exactly one CR,"
                        + " right before the LF. Any other CR stays in the line: `REQTIME` followed by CR CR LF"
                        + " [is] one line answered with `ERR bad-character`.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.error(w.ask("REQTIME\r\r\n"), ErrorReason.BAD_CHARACTER);
                    }
                })
                .build();
    }

    private static Case<ServerTarget> splitRequest() {
        return define("2", "split-request")
                .level(Level.MUST)
                .requirement("Requests and replies are lines: a request that arrives in two TCP segments is one"
                        + " line.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        w.send("HEL");
                        Thread.sleep(SPLIT_PAUSE.toMillis()); // two segments, well within any quiet period
                        return Expect.text(w.send("O checker\r\n").read(), GREETING);
                    }
                })
                .build();
    }

    private static Case<ServerTarget> requestWithoutLineEnd() {
        return define("2.1", "request-without-line-end")
                .level(Level.SHOULD)
                .requirement("A server SHOULD take bytes without a line end as a complete line once nothing more"
                        + " has arrived for a quiet period, and when the client's stream ends.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        w.send("HELO checker"); // and then silence, as many assignment clients do
                        return Expect.text(w.read(), GREETING);
                    }
                })
                .build();
    }

    private static String describeEnd(String end) {
        return switch (end) {
            case "\n" -> "a bare LF";
            case Wire.Line.SILENCE -> "no line end (taken after silence)";
            case Wire.Line.END_OF_STREAM -> "no line end (the connection closed)";
            default -> "line end " + Show.text(end);
        };
    }
}
