package io.helo.server.model;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.codec.SafeText;
import java.nio.charset.StandardCharsets;

/**
 * A line a client sends, its octets with their line end, and what PROTOCOL.md makes of it whatever the session's
 * state: a request, a line invalid for a reason of its own, another protocol's first line, or a line without end.
 *
 * @param octets the line as sent, line end included (none for an endless line)
 * @param verdict what the line is
 */
record Sent(byte[] octets, Verdict verdict) {
    /** What a line is, before the session's state is taken into account. */
    sealed interface Verdict permits Valid, Invalid, Foreign, Endless {
    }

    /**
     * A valid request.
     *
     * @param command its command
     * @param argument its argument, or {@code null}
     */
    record Valid(Command command, String argument) implements Verdict {
    }

    /**
     * A line invalid in itself (section 6's first checks: length, UTF-8, empty, control, command, argument).
     *
     * @param reason the reply it gets
     */
    record Invalid(ErrorReason reason) implements Verdict {
    }

    /** Another protocol's first line: wrong-protocol as a connection's first line, else an unknown command. */
    record Foreign() implements Verdict {
    }

    /** An over-long line that never ends: too long, then unterminated past the discard limit. */
    record Endless() implements Verdict {
    }

    /** A line {@code text} followed by {@code end}, of the given verdict. */
    static Sent of(String text, String end, Verdict verdict) {
        return new Sent((text + end).getBytes(StandardCharsets.UTF_8), verdict);
    }

    @Override
    public String toString() {
        return "\"" + SafeText.escape(new String(octets, StandardCharsets.UTF_8)) + "\"";
    }
}
