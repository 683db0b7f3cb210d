package io.helo.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * What a student needs beside a case that did not pass, the same in every report: what was observed, the
 * requirement it quotes, a hint at the common mistake behind it, the exchange (octets sent and received, escaped, in
 * order) and the command that re-runs just that case.
 */
final class Feedback {
    /** How the exchange is introduced. */
    static final String EXCHANGE = "exchange (N> the checker sent, N< it received, N= what happened; N: the connection):";

    private Feedback() {
    }

    /** The requirement with where it comes from, at the level it was graded. */
    static String requirement(CaseResult r) {
        Case<?> c = r.testCase();
        String source = c.section().equals("assignment") ? "the assignment" : "PROTOCOL.md " + c.section();
        return r.level() + " (" + source + "): " + c.requirement();
    }

    /** The lines shown under a result that did not pass: detail, requirement, hint, exchange, command. */
    static List<String> lines(Report report, CaseResult r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.detail());
        lines.add("requirement: " + requirement(r));
        if (!r.testCase().hint().isEmpty()) {
            lines.add("hint: " + r.testCase().hint());
        }
        if (!r.transcript().isEmpty()) {
            lines.add(EXCHANGE);
            r.transcript().forEach(line -> lines.add("  " + line));
        }
        String rerun = report.rerun(r.testCase().id());
        if (!rerun.isEmpty()) {
            lines.add("re-run: " + rerun);
        }
        return lines;
    }
}
