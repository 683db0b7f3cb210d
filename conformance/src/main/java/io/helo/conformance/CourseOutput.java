package io.helo.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** What the course platforms' results share: a case's feedback as text, cut to fit, and the file written whole. */
final class CourseOutput {
    /** The most a results file may take: PrairieLearn refuses more than 1 MB. */
    static final int MAX_BYTES = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** How much of each test's output is kept, tried in turn until the file fits. */
    private static final int[] CUTS = {16_384, 2_048, 256, 0};

    private CourseOutput() {
    }

    /** The feedback of a case: what was observed, the requirement, hint, exchange and re-run command. */
    static String feedback(Report report, CaseResult r) {
        if (r.outcome() == Outcome.SKIPPED) {
            return "skipped: " + r.detail();
        }
        if (!r.notPassed()) {
            return "pass: " + Feedback.requirement(r);
        }
        return r.outcome().label() + ": " + String.join("\n", Feedback.lines(report, r));
    }

    /** {@code text} cut to {@code max} characters, saying so. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\n[" + (text.length() - end) + " more characters cut]";
    }

    /**
     * Writes the tree {@code build} makes for a cut of each output, the longest cut whose file stays under
     * {@link #MAX_BYTES}, to {@code file}, whole or not at all.
     */
    static void write(Path file, IntFunction<Map<String, Object>> build) throws IOException {
        String text = null;
        for (int cut : CUTS) {
            text = JSON.writeValueAsString(build.apply(cut)) + "\n";
            if (text.getBytes(StandardCharsets.UTF_8).length < MAX_BYTES) {
                break;
            }
        }
        AtomicFiles.write(file, text);
    }

    /** Why the parts could not all be graded, one line each, or an empty list. */
    static List<String> problems(List<CoursePart> parts, String notGradable) {
        List<String> problems = new ArrayList<>();
        if (notGradable != null) {
            problems.add("the submission could not be graded: " + notGradable);
            return problems;
        }
        parts.stream().filter(p -> p.problem() != null).forEach(p -> problems.add("the " + p.role()
                + " could not be run: " + p.problem()));
        return problems;
    }

    /** One line per part: its verdict and score. */
    static String summary(List<CoursePart> parts) {
        List<String> lines = new ArrayList<>();
        for (CoursePart p : parts) {
            lines.add(p.role() + ": " + (p.graded() ? TextReport.summary(p.report()) : p.problem() != null
                    ? "could not be run: " + p.problem() : "none submitted (no " + Layout.lookedFor(p.role()) + ")")
                    + "; " + Points.show(p.score().points()) + " of " + Points.show(p.score().maximum())
                    + " points");
        }
        return String.join("\n", lines);
    }
}
