package io.helo.conformance;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every mode shares: which cases run, and where the reports go. */
final class ReportOptions {
    @Option(names = "--case", paramLabel = "ID", description = "Run only this case (repeatable): an ID, a prefix"
            + " (server/5.1, server/6) or a glob (server/6/*, *utf8*).")
    List<String> only = new ArrayList<>();
    @Option(names = "--exclude", paramLabel = "ID", description = "Skip this case (repeatable, an ID, prefix or glob"
            + " as --case; each needs a --reason, recorded in the report).")
    List<String> excluded = new ArrayList<>();
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the --exclude at the same position is excluded.")
    List<String> reasons = new ArrayList<>();
    @Option(names = "--slow", description = "Also run the slow cases, which wait for a timeout of the implementation"
            + " (skipped by default, so that a run takes seconds).")
    boolean slow;
    @Option(names = "--skip-slow", hidden = true, description = "Skip the slow cases: the default.")
    boolean skipSlow;
    @Option(names = "--profile", paramLabel = "NAME", description = "protocol (PROTOCOL.md, the default) or assignment"
            + " (adds the assignment's own requirements: port 8008, no arguments, every command at least once).")
    String profile;
    @Option(names = "--list", description = "Print the catalogue of this mode's cases and exit.")
    boolean list;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;
    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML.")
    Path junit;
    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one HTML page.")
    Path html;
    @Option(names = "--rubric", paramLabel = "FILE", description = "Score the cases with this rubric (TOML; default:"
            + " the one for the assignment shipped in the checker, --print-rubric shows it).")
    Path rubricFile;
    @Option(names = "--print-rubric", description = "Print the default rubric and exit.")
    boolean printRubric;
    @Option(names = "--gradescope", paramLabel = "FILE", description = "Also write Gradescope's results.json.")
    Path gradescope;
    @Option(names = "--prairielearn", paramLabel = "FILE", description = "Also write PrairieLearn's results.json.")
    Path prairielearn;
    /** The rubric, once {@link #selection} has read it. */
    Rubric rubric;

    /** The selection these options make from {@code catalogue}, or null after saying on {@code err} what is wrong. */
    Selection selection(List<? extends Case<?>> catalogue, PrintWriter err) {
        try {
            rubric = rubricFile == null ? Rubric.standard() : Rubric.read(rubricFile);
        } catch (Rubric.InvalidRubricException e) {
            err.println(ConformanceMain.name() + ": --rubric: " + e.getMessage());
            return null;
        }
        if (profile != null && rubric.profile() != null && !profile.equals(rubric.profile())) {
            err.println(ConformanceMain.name() + ": --profile " + profile + " but the rubric " + rubric.name() + " grades under the "
                    + rubric.profile() + " profile");
            return null;
        }
        profile = profile != null ? profile : rubric.profile() != null ? rubric.profile() : "protocol";
        if (!profile.equals("protocol") && !profile.equals("assignment")) {
            err.println(ConformanceMain.name() + ": --profile must be protocol or assignment: " + profile);
            return null;
        }
        if (excluded.size() != reasons.size()) {
            err.println(ConformanceMain.name() + ": every --exclude needs its --reason (" + excluded.size() + " --exclude, "
                    + reasons.size() + " --reason)");
            return null;
        }
        List<String> known = catalogue.stream().map(Case::id).toList();
        List<String> selected = new ArrayList<>();
        Map<String, String> exclusions = new LinkedHashMap<>();
        for (int i = 0; i < only.size() + excluded.size(); i++) {
            String pattern = i < only.size() ? only.get(i) : excluded.get(i - only.size());
            List<String> matching = known.stream().filter(id -> matches(pattern, id)).toList();
            if (matching.isEmpty()) {
                err.println(ConformanceMain.name() + ": no case " + pattern + " (--list shows them)");
                return null;
            }
            for (String id : matching) {
                if (i < only.size() && !selected.contains(id)) {
                    selected.add(id);
                } else if (i >= only.size()) {
                    exclusions.putIfAbsent(id, reasons.get(i - only.size()));
                }
            }
        }
        List<String> named = only.stream().filter(known::contains).toList();
        return new Selection(selected, exclusions, skipSlow || !slow, profile.equals("assignment"), named);
    }

    /**
     * True if case {@code id} is what {@code pattern} names: the ID itself; a prefix that ends at a {@code /} or
     * {@code .} of it ({@code server/5} for every section 5.x, {@code server/5.1} for one); or a glob, where {@code *}
     * stands for any characters and {@code ?} for one.
     */
    static boolean matches(String pattern, String id) {
        if (pattern.contains("*") || pattern.contains("?")) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            return id.matches(regex.toString());
        }
        String prefix = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
        return id.equals(prefix) || id.startsWith(prefix + "/") || id.startsWith(prefix + ".");
    }


    /** The report files asked for. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path file : new Path[] {json, junit, html, gradescope, prairielearn}) {
            if (file != null) {
                files.add(file);
            }
        }
        return files;
    }

    /** Prints the text report and writes the files asked for. */
    void write(Report report, Selection selection, PrintWriter out) throws IOException {
        Score score = rubric.score(report, selection);
        TextReport.write(report, out);
        out.println(score.line(rubric.name()));
        if (json != null) {
            JsonReport.write(report, score, json);
        }
        if (junit != null) {
            JunitReport.write(report, score, junit);
        }
        if (html != null) {
            HtmlReport.write(report, score, html);
        }
        CoursePart part = new CoursePart(report.mode(), report, null, score);
        if (gradescope != null) {
            GradescopeResults.write(gradescope, List.of(part), null, report.millis());
        }
        if (prairielearn != null) {
            PrairieLearnResults.write(prairielearn, List.of(part), null);
        }
        out.flush();
    }

    /**
     * Writes the course platforms' files asked for when the {@code mode}'s program could not be run at all (it
     * never started, or could not be reached), {@code why}: not gradable, rather than a zero.
     */
    void notGradable(String mode, List<? extends Case<?>> catalogue, Selection selection, String why)
            throws IOException {
        if (rubric == null || (gradescope == null && prairielearn == null)) {
            return;
        }
        CoursePart part = new CoursePart(mode, null, why, Score.none(rubric.maximum(catalogue, selection)));
        if (gradescope != null) {
            GradescopeResults.write(gradescope, List.of(part), null, 0);
        }
        if (prairielearn != null) {
            PrairieLearnResults.write(prairielearn, List.of(part), null);
        }
    }
}
