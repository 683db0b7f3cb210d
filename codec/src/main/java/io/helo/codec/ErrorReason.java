package io.helo.codec;

/** Why the server rejected a request or a connection; each has a stable token and a fixed explanation. */
public enum ErrorReason {
    /** The line is empty. */
    EMPTY_LINE("empty-line", "empty request line"),
    /** The first word is not a command. */
    UNKNOWN_COMMAND("unknown-command", "unknown command"),
    /** The command has a missing, superfluous or malformed argument. */
    BAD_ARGUMENT("bad-argument", "wrong or missing argument"),
    /** A command other than HELO or BYE came before HELO. */
    HELO_REQUIRED("helo-required", "say HELO first"),
    /** The line is longer than the server accepts. */
    LINE_TOO_LONG("line-too-long", "request line too long"),
    /** The line is not valid UTF-8. */
    INVALID_UTF8("invalid-utf8", "request is not valid UTF-8"),
    /** The line holds a control character (NUL, C0 other than TAB, DEL or C1). */
    BAD_CHARACTER("bad-character", "control character in request");

    private final String token;
    private final String text;

    ErrorReason(String token, String text) {
        this.token = token;
        this.text = text;
    }

    /** The machine-readable reason, e.g. {@code unknown-command}. */
    public String token() {
        return token;
    }

    /** The human-readable explanation sent after the token. */
    public String text() {
        return text;
    }
}
