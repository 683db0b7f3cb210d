package io.helo.conformance;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the checker: what it checked, in which mode, when, how every case ended, and the command that re-runs
 * one case ({@code {case}} standing for its ID; empty when there is none to give).
 */
public record Report(String target, String mode, Instant started, long millis, List<CaseResult> results,
        String rerun) {
    /** Copies the results. */
    public Report {
        results = List.copyOf(results);
        rerun = rerun == null ? "" : rerun;
    }

    /** A report without a command to re-run a case. */
    public Report(String target, String mode, Instant started, long millis, List<CaseResult> results) {
        this(target, mode, started, millis, results, "");
    }

    /** The same report with {@code template} as the command that re-runs one case. */
    public Report withRerun(String template) {
        return new Report(target, mode, started, millis, results, template);
    }

    /** The command that re-runs case {@code id} alone, or empty. */
    public String rerun(String id) {
        return Rerun.command(rerun, id);
    }

    /** How many cases that count towards the verdict ended with each outcome. */
    public Map<Outcome, Integer> countByOutcome() {
        return count(false);
    }

    /** How many cases beyond the assignment (under its profile) ended with each outcome. */
    public Map<Outcome, Integer> countBeyond() {
        return count(true);
    }

    /** True if some cases were reported beyond the assignment. */
    public boolean hasBeyond() {
        return results.stream().anyMatch(CaseResult::beyond);
    }

    /** The results that count towards the verdict. */
    public List<CaseResult> counted() {
        return results.stream().filter(r -> !r.beyond()).toList();
    }

    private Map<Outcome, Integer> count(boolean beyond) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        results.stream().filter(r -> r.beyond() == beyond).forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        return counts;
    }

    /** How many cases of each level did not pass (failed or warned). */
    public Map<Level, Integer> notPassedByLevel() {
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            counts.put(level, 0);
        }
        results.stream().filter(r -> !r.beyond() && r.notPassed()).forEach(r -> counts.merge(r.level(), 1,
                Integer::sum));
        return counts;
    }

    /** True if a MUST case failed (beyond the assignment aside): the implementation does not conform. */
    public boolean failed() {
        return results.stream().anyMatch(r -> r.outcome() == Outcome.FAIL && !r.beyond());
    }
}
