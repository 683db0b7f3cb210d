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
        List<CaseResult> notPassed = report.results().stream()
                .filter(r -> r.outcome() == Outcome.FAIL || r.outcome() == Outcome.WARN)
                .sorted(Comparator.comparing(CaseResult::outcome)).toList();
        if (!notPassed.isEmpty()) {
            out.println("Not passed:");
            notPassed.forEach(r -> {
                out.println(line(r));
                Feedback.lines(report, r).forEach(l -> out.println("        " + l));
            });
            out.println();
        }
        Map<String, List<CaseResult>> bySection = new TreeMap<>(TextReport::compareSections);
        report.results().forEach(r -> bySection.computeIfAbsent(r.testCase().section(), k -> new java.util.ArrayList<>())
                .add(r));
        bySection.forEach((section, results) -> {
            out.println(Sections.title(section));
            results.forEach(r -> out.println(line(r) + (r.outcome() == Outcome.SKIPPED ? "  (" + r.detail() + ")" : "")));
        });
        out.println();
        out.println(summary(report));
    }

    /** One line of counts, e.g. {@code 35 cases: 33 pass, 1 fail, 1 warn, 0 skipped (MUST not met: 1)}. */
    public static String summary(Report report) {
        Map<Outcome, Integer> counts = report.countByOutcome();
        return String.format("%s %s: %d cases: %d pass, %d fail, %d warn, %d skipped in %.1f s: %s", report.mode(),
                report.target(), report.results().size(), counts.get(Outcome.PASS), counts.get(Outcome.FAIL),
                counts.get(Outcome.WARN), counts.get(Outcome.SKIPPED), report.millis() / 1000.0,
                report.failed() ? "DOES NOT CONFORM (a MUST failed)" : "conforms (every MUST passed)");
    }

    /** A result as one line: outcome, level, ID. */
    public static String line(CaseResult r) {
        return String.format("  %-7s %-6s %s", r.outcome().label(), r.testCase().level(), r.testCase().id());
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
