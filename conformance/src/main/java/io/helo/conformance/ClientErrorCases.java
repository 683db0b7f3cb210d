package io.helo.conformance;

import static io.helo.conformance.ClientCases.define;
import static io.helo.conformance.ClientCases.lastOutput;

import io.helo.conformance.ClientSession.Behaviour;
import java.util.List;

/** PROTOCOL.md 6, Errors: the final lines and unknown error tokens a client must take. */
final class ClientErrorCases {
    private static final String FINAL_LINE = "The server may end a session on its own: a client MUST take such a line"
            + " as the end of the session, whatever requests it still awaits replies to.";
    /** What Python and the JVM print when a program dies of an exception nobody caught. */
    private static final List<String> CRASHES = List.of("Traceback (most recent call last)", "Exception in thread");

    private ClientErrorCases() {
    }

    static Case<ClientSession> busyEndsSession() {
        return define("6", "busy-ends-session")
                .level(Level.MUST)
                .requirement(FINAL_LINE)
                .under(Behaviour.BUSY)
                .check(s -> refusedAtOnce(s, "ERR busy ..."))
                .build();
    }

    static Case<ClientSession> rateLimitedEndsSession() {
        return define("6", "rate-limited-ends-session")
                .level(Level.MUST)
                .requirement(FINAL_LINE)
                .under(Behaviour.RATE_LIMITED)
                .check(s -> refusedAtOnce(s, "ERR rate-limited ..."))
                .build();
    }

    static Case<ClientSession> finalLineEndsSession() {
        return define("6", "final-line-ends-session")
                .level(Level.MUST)
                .requirement(FINAL_LINE)
                .under(Behaviour.SHUTTING_DOWN)
                .check(ClientErrorCases::endedMidSession)
                .build();
    }

    static Case<ClientSession> unknownErrorToken() {
        return define("6", "unknown-error-token")
                .level(Level.MUST)
                .requirement("Clients MUST accept reason tokens they do not know (later versions may add some) and"
                        + " treat them as errors.")
                .under(Behaviour.UNKNOWN_ERROR)
                .check(ClientErrorCases::unknownToken)
                .build();
    }

    /** A client whose session was refused at once with {@code line}: it sends nothing more, closes and ends. */
    private static Verdict refusedAtOnce(ClientSession s, String line) {
        // its first request may cross the refusal on the wire; going on after it may not
        if (s.lines().size() > 1) {
            return Verdict.notMet("it went on after \"" + line + "\": sent " + Show.text(String.join("\n",
                    s.lines().stream().map(ClientSession.SentLine::text).toList())));
        }
        if (!s.closedAfterLastLine()) {
            return Verdict.notMet("it kept the connection open after \"" + line + "\"");
        }
        return s.exited() ? Verdict.met() : Verdict.notMet("it did not end after \"" + line + "\"");
    }

    /**
     * A client whose request was answered with {@code ERR shutting-down}, a final line: it sends nothing more, closes
     * and ends. The played server answers only once the client has paused, so a line that arrives after the final
     * line was sent was written after the client had waited for it.
     */
    private static Verdict endedMidSession(ClientSession s) {
        String line = "\"ERR shutting-down ...\"";
        if (s.sentBeforeMisbehaviour() < 0) {
            return Verdict.notApplicable("it sent no request after its greeting for " + line + " to answer");
        }
        List<ClientSession.SentLine> after = s.lines().subList(s.sentBeforeMisbehaviour(), s.lines().size());
        if (!after.isEmpty()) {
            return Verdict.notMet("it went on after " + line + ": sent " + Show.text(String.join("\n",
                    after.stream().map(ClientSession.SentLine::text).toList())));
        }
        if (!s.closedAfterLastLine()) {
            return Verdict.notMet("it kept the connection open after " + line);
        }
        return s.exited() ? Verdict.met() : Verdict.notMet("it did not end after " + line);
    }

    /**
     * A client answered once with an error token it cannot know: it may go on or give up (an error is an error), but
     * it ends by itself and does not crash on it.
     */
    private static Verdict unknownToken(ClientSession s) {
        String line = "\"ERR not-yet-defined ...\"";
        if (s.sentBeforeMisbehaviour() < 0) {
            return Verdict.notApplicable("it sent no request after its greeting for " + line + " to answer");
        }
        if (!s.exited()) {
            return Verdict.notMet("it did not end by itself after the reply " + line + ": stopped" + lastOutput(s));
        }
        if (CRASHES.stream().anyMatch(s.output()::contains)) {
            return Verdict.notMet("it crashed on the reply " + line + lastOutput(s));
        }
        return Verdict.met();
    }
}
