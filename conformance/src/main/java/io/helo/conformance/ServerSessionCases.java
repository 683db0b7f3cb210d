package io.helo.conformance;

import static io.helo.conformance.ServerCases.GOODBYE;
import static io.helo.conformance.ServerCases.GREETING;
import static io.helo.conformance.ServerCases.closed;
import static io.helo.conformance.ServerCases.define;
import static io.helo.conformance.ServerCases.greeting;

import io.helo.codec.ErrorReason;
import io.helo.codec.Response;
import java.util.List;

/** PROTOCOL.md 4, Session: HELO first, BYE, the state an invalid line leaves, closes and half-closes. */
final class ServerSessionCases {
    private ServerSessionCases() {
    }

    /** The cases, in catalogue order. */
    static List<Case<ServerTarget>> all() {
        return List.of(
                heloFirst(),
                heloRequired(),
                repeatedHelo(),
                byeAnyState(),
                byeCloses(),
                nothingAfterBye(),
                invalidKeepsState(),
                halfClose(),
                halfCloseUnterminated());
    }

    private static Case<ServerTarget> heloFirst() {
        return define("4", "helo-first")
                .level(Level.MUST)
                .requirement("A client MUST send `HELO` before any other command. Before it, `REQTIME`, `REQDATE`,"
                        + " `ECHO` and `REQIP` are answered with `ERR helo-required` and the session stays open.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("REQTIME\r\n"), ErrorReason.HELO_REQUIRED),
                                () -> Expect.error(w.ask("ECHO early\r\n"), ErrorReason.HELO_REQUIRED),
                                () -> Expect.text(w.ask("HELO checker\r\n"), GREETING));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> heloRequired() {
        return define("4", "helo-required")
                .level(Level.MUST)
                .requirement("Before it, `REQTIME`, `REQDATE`, `ECHO` and `REQIP` are answered with `ERR"
                        + " helo-required` and the session stays open.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("REQDATE\r\n"), ErrorReason.HELO_REQUIRED),
                                () -> Expect.error(w.ask("REQIP\r\n"), ErrorReason.HELO_REQUIRED),
                                () -> Expect.text(w.ask("HELO checker\r\n"), GREETING));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> repeatedHelo() {
        return define("4", "repeated-helo")
                .level(Level.MUST)
                .requirement("`HELO` MAY be repeated; the server greets each time and remembers the latest name.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.text(w.ask("HELO first\r\n"), greeting("first")),
                                () -> Expect.text(w.ask("HELO second\r\n"), greeting("second")));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> byeAnyState() {
        return define("4", "bye-any-state")
                .level(Level.MUST)
                .requirement("`BYE` is allowed in every state.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.text(w.send("BYE\r\n").read(), GOODBYE);
                    }
                })
                .build();
    }

    private static Case<ServerTarget> byeCloses() {
        return define("4", "bye-closes")
                .level(Level.MUST)
                .requirement("After sending the reply to `BYE`, the server closes the connection.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.text(w.send("BYE\r\n").read(), GOODBYE),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> nothingAfterBye() {
        return define("4", "nothing-after-bye")
                .level(Level.MUST)
                .requirement("Lines the client sent after `BYE` are not answered.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.text(w.send("BYE\r\nREQTIME\r\n").read(), GOODBYE),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> invalidKeepsState() {
        return define("4", "invalid-keeps-state")
                .level(Level.MUST)
                .requirement("An invalid line never changes the state.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        Wire.Line error = w.ask("FOO\r\n");
                        if (error == null || !error.text().startsWith(Response.ERROR_PREFIX)) {
                            return Verdict.notMet("expected an error reply to \"FOO\" but " + (error == null
                                    ? "the connection was closed" : "got " + error.shown()));
                        }
                        return Expect.text(w.ask("ECHO still greeted\r\n"), "still greeted");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> halfClose() {
        return define("4", "half-close")
                .level(Level.MUST)
                .requirement("If the client shuts down its sending side (a TCP half-close), the server still"
                        + " answers every line it received, then closes.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        w.send("ECHO last words\r\n");
                        w.shutdownOutput();
                        return Expect.inOrder(() -> Expect.text(w.read(), "last words"),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> halfCloseUnterminated() {
        return define("4", "half-close-unterminated")
                .level(Level.MUST)
                .requirement("If the client shuts down its sending side (a TCP half-close), the server still"
                        + " answers every line it received, then closes; an unterminated last line counts as a line.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        w.send("ECHO last words");
                        w.shutdownOutput();
                        return Expect.inOrder(() -> Expect.text(w.read(), "last words"),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                })
                .build();
    }
}
