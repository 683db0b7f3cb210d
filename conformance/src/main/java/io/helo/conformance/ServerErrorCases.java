package io.helo.conformance;

import static io.helo.conformance.ServerCases.closed;
import static io.helo.conformance.ServerCases.define;

import io.helo.codec.ErrorReason;
import io.helo.codec.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** PROTOCOL.md 6, Errors: each error reply, the order of the checks, and a session that goes on. */
final class ServerErrorCases {
    private ServerErrorCases() {
    }

    /** The cases, in catalogue order. */
    static List<Case<ServerTarget>> all() {
        return List.of(
                errorCase("empty-line", "the line is empty", "\r\n", ErrorReason.EMPTY_LINE),
                errorCase("unknown-command", "the first word, everything before the first space, is not a command",
                        "FROB x\r\n", ErrorReason.UNKNOWN_COMMAND),
                errorCase("bad-argument", "an argument to a command that takes none", "REQTIME now\r\n",
                        ErrorReason.BAD_ARGUMENT),
                errorCase("helo-without-name", "`HELO` without exactly one host name", "HELO\r\n",
                        ErrorReason.BAD_ARGUMENT),
                errorCase("bad-character", "the line holds a control character", "ECHO a\u0001b\r\n",
                        ErrorReason.BAD_CHARACTER),
                invalidUtf8(),
                sessionContinues(),
                controlCharacters(),
                invalidUtf8Forms(),
                checkOrder(),
                wrongProtocol(),
                explanation());
    }

    private static Case<ServerTarget> invalidUtf8() {
        return define("6", "invalid-utf8")
                .level(Level.MUST)
                .requirement("`ERR invalid-utf8`: the line is not well-formed UTF-8.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        w.send(new byte[] {'E', 'C', 'H', 'O', ' ', (byte) 0xC3, '(', '\r', '\n'});
                        return Expect.error(w.read(), ErrorReason.INVALID_UTF8);
                    }
                })
                .build();
    }

    private static Case<ServerTarget> sessionContinues() {
        return define("6", "session-continues")
                .level(Level.MUST)
                .requirement("Every error costs only its own line: the session stays open and the following lines"
                        + " are answered normally, including other lines that arrived in the same TCP segment.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        w.send("FROB\r\nECHO still here\r\n");
                        return Expect.inOrder(() -> Expect.error(w.read(), ErrorReason.UNKNOWN_COMMAND),
                                () -> Expect.text(w.read(), "still here"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> controlCharacters() {
        return define("6", "control-characters")
                .level(Level.MUST)
                .requirement("Control characters (U+0000 to U+001F except HTAB, U+007F, and U+0080 to U+009F) are"
                        + " not allowed anywhere in a request line: a line containing one, NUL included, is"
                        + " answered with `ERR bad-character` whatever its command.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("ECHO a\u0000b\r\n"), ErrorReason.BAD_CHARACTER),
                                () -> Expect.error(w.ask("ECHO a\u007Fb\r\n"), ErrorReason.BAD_CHARACTER),
                                () -> Expect.error(w.ask("ECHO a\u0085b\r\n"), ErrorReason.BAD_CHARACTER),
                                () -> Expect.error(w.ask("FROB\u0001\r\n"), ErrorReason.BAD_CHARACTER));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> invalidUtf8Forms() {
        return define("6", "invalid-utf8-forms")
                .level(Level.MUST)
                .requirement("`ERR invalid-utf8`: the line is not well-formed UTF-8 (overlong forms and surrogates"
                        + " included).")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.error(w.send(octets("ECHO ", 0xC0, 0xAF)).read(),
                                "invalid-utf8"), () -> Expect.error(w.send(octets("ECHO ", 0xED, 0xA0, 0x80)).read(),
                                        "invalid-utf8"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> checkOrder() {
        return define("6", "check-order")
                .level(Level.MUST)
                .requirement("The checks are made in this order: length, UTF-8, empty line, control characters,"
                        + " command name, argument, then the session state.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(
                                () -> Expect.error(w.send(octets("FROB \u0001", 0xFF)).read(),
                                        ErrorReason.INVALID_UTF8),
                                () -> Expect.error(w.ask("FROB \u0001\r\n"), ErrorReason.BAD_CHARACTER),
                                () -> Expect.error(w.ask("REQTIME now\r\n"), ErrorReason.BAD_ARGUMENT));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> wrongProtocol() {
        return define("6", "wrong-protocol")
                .level(Level.SHOULD)
                .requirement("As Postfix and Redis do, the server ends such a session after its first line, with"
                        + " `ERR wrong-protocol`, instead of answering line after line.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(
                                () -> Expect.error(w.ask("GET / HTTP/1.1\r\n"), ErrorReason.WRONG_PROTOCOL),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> explanation() {
        return define("6", "explanation")
                .level(Level.SHOULD)
                .requirement("An error reply is `ERR`, a space, a reason token, a space and a fixed English"
                        + " explanation.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("FROB\r\n").read(),
                                Response.ErrorReply.of(ErrorReason.UNKNOWN_COMMAND).line());
                    }
                })
                .build();
    }

    /** The case of the error reply {@code reason}, given {@code when} its rule applies, to {@code request}. */
    private static Case<ServerTarget> errorCase(String name, String when, String request, ErrorReason reason) {
        return define("6", name)
                .level(Level.MUST)
                .requirement("`ERR " + reason.token() + "`: " + when + ".")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.error(w.send(request).read(), reason);
                    }
                })
                .build();
    }

    /** {@code text} as UTF-8, then {@code octets}, then CRLF: a line with octets that are not UTF-8. */
    private static byte[] octets(String text, int... octets) {
        byte[] start = text.getBytes(StandardCharsets.UTF_8);
        byte[] line = Arrays.copyOf(start, start.length + octets.length + 2);
        for (int i = 0; i < octets.length; i++) {
            line[start.length + i] = (byte) octets[i];
        }
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }
}
