package io.helo.conformance;

import io.helo.codec.Response;
import io.helo.codec.ResponseParser;
import java.util.regex.Pattern;

/** The comparisons the cases make, each giving a verdict that says what was observed when it fails. */
final class Expect {
    private Expect() {
    }

    /** The line's text is exactly {@code expected} (its line end is another case's business). */
    static Verdict text(Wire.Line line, String expected) {
        if (line == null) {
            return Verdict.notMet("expected " + Show.text(expected) + " but the connection was closed");
        }
        return line.text().equals(expected) ? Verdict.met()
                : Verdict.notMet("expected " + Show.text(expected) + " but got " + line.shown());
    }

    /** The line's text matches {@code pattern}; {@code what} names the expected form. */
    static Verdict matches(Wire.Line line, Pattern pattern, String what) {
        if (line == null) {
            return Verdict.notMet("expected " + what + " but the connection was closed");
        }
        return pattern.matcher(line.text()).matches() ? Verdict.met()
                : Verdict.notMet("expected " + what + " but got " + line.shown());
    }

    /** As {@link #error(Wire.Line, String)}, for a reason this version of the codec defines. */
    static Verdict error(Wire.Line line, io.helo.codec.ErrorReason reason) {
        return error(line, reason.token());
    }

    /**
     * The line is an error reply with reason {@code token}: {@code ERR token} then a space or the end, as a client
     * reads one ({@link ResponseParser#parseError}: no control character in it).
     */
    static Verdict error(Wire.Line line, String token) {
        String prefix = "ERR " + token;
        if (line == null) {
            return Verdict.notMet("expected " + Show.text(prefix + " ...") + " but the connection was closed");
        }
        Response.ErrorReply error = ResponseParser.parseError(line.text());
        boolean ok = error != null && error.reason().equals(token);
        return ok ? Verdict.met() : Verdict.notMet("expected " + Show.text(prefix + " ...") + " but got " + line.shown());
    }

    /** One step of a sequence: an exchange and its verdict, run only if the steps before it were met. */
    @FunctionalInterface
    interface Step {
        /** Runs the step. */
        Verdict run() throws java.io.IOException;
    }

    /** Runs {@code steps} in order and stops at the first not met, so a wrong reply is reported as such. */
    static Verdict inOrder(Step... steps) throws java.io.IOException {
        for (Step step : steps) {
            Verdict verdict = step.run();
            if (verdict.kind() != Verdict.Kind.MET) {
                return verdict;
            }
        }
        return Verdict.met();
    }
}
