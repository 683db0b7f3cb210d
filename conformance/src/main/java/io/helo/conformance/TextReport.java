package io.helo.conformance;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The readable summary: what did not pass first, then every case by section, one line each, then the counts. */
public final class TextReport {
    private TextReport() {
    }

    /** Writes the summary of {@code report} to {@code out}. */
    public static void write(Report report, PrintWriter out) {
        part(report, report.counted(), "Not passed:", out);
        if (report.hasBeyond()) {
            out.println();
            out.println(BEYOND + ":");
            out.println();
            part(report, report.results().stream().filter(CaseResult::beyond).toList(), "Not passed beyond the"
                    + " assignment:", out);
        }
        out.println();
        out.println(summary(report));
    }

    /** The heading of the cases PROTOCOL.md adds to the assignment, under its profile. */
    static final String BEYOND = "Beyond the assignment (PROTOCOL.md's own requirements, reported apart: they do not"
            + " change the verdict)";

    private static void part(Report report, List<CaseResult> results, String heading, PrintWriter out) {
        List<CaseResult> notPassed = results.stream().filter(CaseResult::notPassed)
                .sorted(Comparator.comparing(CaseResult::outcome)).toList();
        if (!notPassed.isEmpty()) {
            out.println(heading);
            notPassed.forEach(r -> {
                out.println(line(r));
                Feedback.lines(report, r).forEach(l -> out.println("        " + l));
            });
            out.println();
        }
        Map<String, List<CaseResult>> bySection = new TreeMap<>(TextReport::compareSections);
        results.forEach(r -> bySection.computeIfAbsent(r.testCase().section(), k -> new java.util.ArrayList<>()).add(r));
        bySection.forEach((section, inSection) -> {
            out.println(Sections.title(section));
            inSection.forEach(r -> out.println(line(r) + (r.outcome() == Outcome.SKIPPED ? "  (" + r.detail() + ")"
                    : "")));
        });
    }

    /**
     * One line of counts, e.g. {@code server localhost:8008: 42 cases: 41 pass, 0 fail, 0 warn, 1 skipped in 2.7 s:
     * conforms (every MUST passed)}; under the assignment profile, the cases beyond it counted apart.
     */
    public static String summary(Report report) {
        Map<Outcome, Integer> counts = report.countByOutcome();
        String beyond = "";
        if (report.hasBeyond()) {
            Map<Outcome, Integer> b = report.countBeyond();
            beyond = String.format("; beyond the assignment, %d cases: %d pass, %d fail, %d warn, %d skipped",
                    b.values().stream().mapToInt(Integer::intValue).sum(), b.get(Outcome.PASS), b.get(Outcome.FAIL),
                    b.get(Outcome.WARN), b.get(Outcome.SKIPPED));
        }
        return String.format(java.util.Locale.ROOT, "%s %s: %d cases: %d pass, %d fail, %d warn, %d skipped in %.1f s: %s%s",
                report.mode(), report.target(), report.counted().size(), counts.get(Outcome.PASS),
                counts.get(Outcome.FAIL), counts.get(Outcome.WARN), counts.get(Outcome.SKIPPED),
                report.millis() / 1000.0, report.failed() ? "DOES NOT CONFORM (a MUST failed)"
                        : "conforms (every MUST passed)", beyond);
    }

    /** A result as one line: outcome, level, ID. */
    public static String line(CaseResult r) {
        return String.format("  %-7s %-6s %s", r.outcome().label(), r.level(), r.testCase().id());
    }

    static int compareSections(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareParts(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareParts(String a, String b) {
        boolean na = a.chars().allMatch(Character::isDigit);
        boolean nb = b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return na ? -1 : nb ? 1 : a.compareTo(b);
    }
}
