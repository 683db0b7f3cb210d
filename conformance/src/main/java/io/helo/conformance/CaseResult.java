package io.helo.conformance;

/** How one case ended, with what was observed when it did not pass, and how long it took. */
public record CaseResult(Case<?> testCase, Outcome outcome, String detail, long millis) {
}
