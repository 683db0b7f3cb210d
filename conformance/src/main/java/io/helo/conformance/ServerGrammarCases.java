package io.helo.conformance;

import static io.helo.conformance.ServerCases.GREETING;
import static io.helo.conformance.ServerCases.define;

import io.helo.codec.ErrorReason;
import java.util.List;

/** PROTOCOL.md 3, Grammar: command names, the first space, arguments. */
final class ServerGrammarCases {
    private ServerGrammarCases() {
    }

    /** The cases, in catalogue order. */
    static List<Case<ServerTarget>> all() {
        return List.of(
                caseInsensitive(),
                firstSpace(),
                trailingSpace());
    }

    private static Case<ServerTarget> caseInsensitive() {
        return define("3", "case-insensitive")
                .level(Level.MUST)
                .requirement("Command names are case-insensitive (as ABNF string literals are).")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.text(w.ask("helo checker\r\n"), GREETING),
                                () -> Expect.text(w.ask("Echo mixed\r\n"), "mixed"),
                                () -> Expect.text(w.ask("echo lower\r\n"), "lower"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> firstSpace() {
        return define("3", "first-space")
                .level(Level.MUST)
                .requirement("A request is split at the first space: what precedes it is the command name, what"
                        + " follows it is the argument. `ECHO  two` (two spaces) therefore echoes ` two` with its"
                        + " leading space.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO  two\r\n").read(), " two");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> trailingSpace() {
        return define("3", "trailing-space")
                .level(Level.MUST)
                .requirement("Commands that take no argument MUST be sent without one, and without trailing spaces"
                        + " (`REQTIME ` gets `ERR bad-argument`).")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.error(w.ask("REQTIME \r\n"), ErrorReason.BAD_ARGUMENT);
                    }
                })
                .build();
    }
}
