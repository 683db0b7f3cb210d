package io.helo.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PrairieLearn's external grader results.json: {@code gradable}, {@code score} (0 to 1), {@code points},
 * {@code max_points}, {@code message}, {@code output} and one test per visible case ({@code name}, {@code points},
 * {@code max_points}, {@code message}, {@code output}), under 1 MB. A submission with a program that could not be run
 * is not gradable ({@code gradable: false}, {@code format_errors} saying why), which costs the student no attempt.
 * PrairieLearn has no visibility of its own: only the rubric's {@code visible} cases are listed; the others count in
 * the score, summed in one line of {@code message}.
 */
final class PrairieLearnResults {
    private PrairieLearnResults() {
    }

    /** Writes the results of {@code parts} (or of a submission not gradable, {@code notGradable}) to {@code file}. */
    static void write(Path file, List<CoursePart> parts, String notGradable) throws IOException {
        CourseOutput.write(file, cut -> tree(parts, notGradable, cut));
    }

    static Map<String, Object> tree(List<CoursePart> parts, String notGradable, int cut) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<String> problems = CourseOutput.problems(parts, notGradable);
        double points = parts.stream().mapToDouble(p -> p.score().points()).sum();
        double max = parts.stream().mapToDouble(p -> p.score().maximum()).sum();
        root.put("gradable", problems.isEmpty());
        if (!problems.isEmpty()) {
            root.put("format_errors", problems.stream().map(p -> CourseOutput.cut(p, 4096)).toList());
        }
        root.put("score", problems.isEmpty() && max > 0 ? Math.min(1.0, points / max) : 0.0);
        root.put("points", problems.isEmpty() ? Points.round(points) : 0.0);
        root.put("max_points", Points.round(max));
        List<Map<String, Object>> tests = new ArrayList<>();
        double hiddenPoints = 0;
        double hiddenMax = 0;
        int hidden = 0;
        for (CoursePart part : parts) {
            if (!part.graded()) {
                continue;
            }
            for (Score.Item item : part.score().items()) {
                if (!item.visibility().equals("visible")) {
                    hidden++;
                    hiddenPoints += item.points();
                    hiddenMax += item.maximum();
                    continue;
                }
                CaseResult r = item.result();
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("name", r.testCase().id());
                test.put("points", Points.round(item.points()));
                test.put("max_points", Points.round(item.maximum()));
                test.put("message", CourseOutput.cut(r.outcome().label() + (r.detail().isEmpty() ? "" : ": "
                        + r.detail()), Math.max(cut, 256)));
                test.put("output", CourseOutput.cut(CourseOutput.feedback(part.report(), r), cut));
                tests.add(test);
            }
        }
        String message = problems.isEmpty() ? CourseOutput.summary(parts) : "Not graded (this costs no attempt): "
                + String.join("; ", problems);
        if (hidden > 0) {
            message += "\n" + hidden + " cases not shown: " + Points.show(hiddenPoints) + " of "
                    + Points.show(hiddenMax) + " points";
        }
        root.put("message", CourseOutput.cut(message, Math.max(cut, 4096)));
        root.put("output", CourseOutput.cut(CourseOutput.summary(parts), Math.max(cut, 4096)));
        root.put("tests", tests);
        return root;
    }
}
