package io.helo.conformance;

import java.util.List;

/**
 * How one case ended, with what was observed when it did not pass, how long it took, and, when it did not pass, the
 * exchange it made (each line a connection's number, {@code >} sent, {@code <} received or {@code =} an event, and
 * the octets escaped). {@code level} is the level it was graded at (a profile may change it); {@code beyond}: under
 * the assignment profile, a case of PROTOCOL.md's that the assignment does not ask for, reported without changing
 * the verdict.
 */
public record CaseResult(Case<?> testCase, Outcome outcome, String detail, long millis, List<String> transcript,
        Level level, boolean beyond) {
    /** Copies the transcript. */
    public CaseResult {
        transcript = List.copyOf(transcript);
    }

    /** A result at the case's own level. */
    public CaseResult(Case<?> testCase, Outcome outcome, String detail, long millis, List<String> transcript) {
        this(testCase, outcome, detail, millis, transcript, testCase.level(), false);
    }

    /** A result without a transcript, at the case's own level. */
    public CaseResult(Case<?> testCase, Outcome outcome, String detail, long millis) {
        this(testCase, outcome, detail, millis, List.of());
    }

    /** The same result with {@code text} as what was observed. */
    CaseResult withDetail(String text) {
        return new CaseResult(testCase, outcome, text, millis, transcript, level, beyond);
    }

    /** The same result with {@code lines} as its exchange. */
    CaseResult withTranscript(List<String> lines) {
        return new CaseResult(testCase, outcome, detail, millis, lines, level, beyond);
    }

    /** True if the case failed or warned: what a student has to look at. */
    public boolean notPassed() {
        return outcome == Outcome.FAIL || outcome == Outcome.WARN;
    }
}
