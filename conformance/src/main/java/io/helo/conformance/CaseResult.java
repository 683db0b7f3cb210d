package io.helo.conformance;

import java.util.List;

/**
 * How one case ended, with what was observed when it did not pass, how long it took, and, when it did not pass, the
 * exchange it made (each line a connection's number, {@code >} sent, {@code <} received or {@code =} an event, and
 * the octets escaped).
 */
public record CaseResult(Case<?> testCase, Outcome outcome, String detail, long millis, List<String> transcript) {
    /** Copies the transcript. */
    public CaseResult {
        transcript = List.copyOf(transcript);
    }

    /** A result without a transcript. */
    public CaseResult(Case<?> testCase, Outcome outcome, String detail, long millis) {
        this(testCase, outcome, detail, millis, List.of());
    }

    /** True if the case failed or warned: what a student has to look at. */
    public boolean notPassed() {
        return outcome == Outcome.FAIL || outcome == Outcome.WARN;
    }
}
