package io.helo.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradescope's autograder results.json: {@code score}, {@code execution_time}, {@code output}, {@code visibility},
 * {@code stdout_visibility} and one test per case graded ({@code name} its ID, {@code number}, {@code score},
 * {@code max_score}, {@code output} its feedback, {@code tags}, {@code visibility} the rubric's). Gradescope has no
 * "not gradable": a program that could not be run has no tests, and {@code output} says it was not graded and why.
 */
final class GradescopeResults {
    private GradescopeResults() {
    }

    /** Writes the results of {@code parts} (or of a submission not gradable, {@code notGradable}) to {@code file}. */
    static void write(Path file, List<CoursePart> parts, String notGradable, long millis) throws IOException {
        CourseOutput.write(file, cut -> tree(parts, notGradable, millis, cut));
    }

    static Map<String, Object> tree(List<CoursePart> parts, String notGradable, long millis, int cut) {
        Map<String, Object> root = new LinkedHashMap<>();
        double score = parts.stream().mapToDouble(p -> p.score().points()).sum();
        root.put("score", Points.round(score));
        root.put("execution_time", Math.max(0, Math.round(millis / 1000.0)));
        List<String> problems = CourseOutput.problems(parts, notGradable);
        StringBuilder output = new StringBuilder();
        if (!problems.isEmpty()) {
            output.append("NOT GRADED: ").append(String.join("; ", problems)).append(". What could not be run has"
                    + " no tests and no points here: fix it and submit again.\n");
        }
        output.append(CourseOutput.summary(parts));
        root.put("output", CourseOutput.cut(output.toString(), Math.max(cut, 4096)));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        List<Map<String, Object>> tests = new ArrayList<>();
        for (CoursePart part : parts) {
            if (!part.graded()) {
                continue;
            }
            for (Score.Item item : part.score().items()) {
                CaseResult r = item.result();
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("name", r.testCase().id());
                test.put("number", part.role() + " " + r.testCase().section());
                test.put("score", Points.round(item.points()));
                test.put("max_score", Points.round(item.maximum()));
                test.put("status", r.outcome() == Outcome.FAIL || r.outcome() == Outcome.WARN ? "failed" : "passed");
                test.put("output", CourseOutput.cut(CourseOutput.feedback(part.report(), r), cut));
                List<String> tags = new ArrayList<>(List.of(part.role(), r.level().name(), r.outcome().label()));
                if (r.beyond()) {
                    tags.add("beyond-assignment");
                }
                test.put("tags", tags);
                test.put("visibility", item.visibility());
                tests.add(test);
            }
        }
        root.put("tests", tests);
        return root;
    }
}
