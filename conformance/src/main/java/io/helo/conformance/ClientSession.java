package io.helo.conformance;

import io.helo.codec.LineEnd;
import java.util.List;

/**
 * What a client under test did, as the played server recorded it: the lines it sent (with their line ends),
 * whether it connected at all, whether it closed the connection after the played server's last line (the goodbye, or
 * {@code ERR busy}), how many of its requests it closed without waiting for, how many lines it had sent when the
 * played server answered a request as its misbehaviour says ({@code -1}: it never did), and how its process ended.
 */
public record ClientSession(Behaviour behaviour, int port, boolean connected, List<SentLine> lines,
        boolean closedAfterLastLine, boolean exited, int exitStatus, long millis, String output, Transcript transcript,
        int unansweredAtClose, int sentBeforeMisbehaviour) implements Transcribed {

    /** How the played server behaves, so that a client's robustness can be graded too. */
    public enum Behaviour {
        /** A correct server. */
        CORRECT,
        /** Refuses the session at once with {@code ERR busy} and closes (PROTOCOL.md 6). */
        BUSY,
        /** Sends every reply without a line end, as many assignment servers do (PROTOCOL.md 2.1). */
        NO_LINE_ENDS,
        /** Answers each request after two seconds. */
        SLOW,
        /** Ends every reply with a bare LF, which receivers MUST accept (PROTOCOL.md 2). */
        BARE_LF,
        /** Answers the first request after the greeting with an error whose reason token PROTOCOL.md lacks. */
        UNKNOWN_ERROR,
        /** Refuses the session at once with {@code ERR rate-limited} and closes (PROTOCOL.md 6). */
        RATE_LIMITED,
        /**
         * Answers the first request after the greeting with {@code ERR shutting-down}, a final line, and closes
         * (PROTOCOL.md 6).
         */
        SHUTTING_DOWN,
        /** Answers REQIP with a valid but not canonical IPv6 form, {@code 0:0:0:0:0:0:0:1} (PROTOCOL.md 5.5). */
        NON_CANONICAL_IPV6
    }

    /** One line the client sent, and how it ended. */
    public record SentLine(String text, LineEnd end) {
    }

    /** Copies the lines. */
    public ClientSession {
        lines = List.copyOf(lines);
        transcript = transcript == null ? new Transcript() : transcript;
    }

    /** One session, judged by every case. */
    @Override
    public boolean perCase() {
        return false;
    }

    /** The command word of each line, upper-cased. */
    List<String> commands() {
        return lines.stream().map(l -> l.text().split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT)).toList();
    }
}
