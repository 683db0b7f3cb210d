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
    @Option(names = "--case", paramLabel = "ID", description = "Run only this case (repeatable).")
    List<String> only = new ArrayList<>();
    @Option(names = "--exclude", paramLabel = "ID", description = "Skip this case (repeatable; each needs a --reason,"
            + " recorded in the report).")
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
    String profile = "protocol";
    @Option(names = "--list", description = "Print the catalogue of this mode's cases and exit.")
    boolean list;
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;
    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML.")
    Path junit;
    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one HTML page.")
    Path html;

    /** The selection these options make from {@code catalogue}, or null after saying on {@code err} what is wrong. */
    Selection selection(List<? extends Case<?>> catalogue, PrintWriter err) {
        if (!profile.equals("protocol") && !profile.equals("assignment")) {
            err.println("conformance: --profile must be protocol or assignment: " + profile);
            return null;
        }
        if (excluded.size() != reasons.size()) {
            err.println("conformance: every --exclude needs its --reason (" + excluded.size() + " --exclude, "
                    + reasons.size() + " --reason)");
            return null;
        }
        List<String> known = catalogue.stream().map(Case::id).toList();
        List<String> named = new ArrayList<>(only);
        named.addAll(excluded);
        for (String id : named) {
            if (!known.contains(id)) {
                err.println("conformance: no case " + id + " (--list shows them)");
                return null;
            }
        }
        Map<String, String> exclusions = new LinkedHashMap<>();
        for (int i = 0; i < excluded.size(); i++) {
            exclusions.put(excluded.get(i), reasons.get(i));
        }
        return new Selection(only, exclusions, skipSlow || !slow, profile.equals("assignment"));
    }

    /** The report files asked for. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path file : new Path[] {json, junit, html}) {
            if (file != null) {
                files.add(file);
            }
        }
        return files;
    }

    /** Prints the text report and writes the files asked for. */
    void write(Report report, PrintWriter out) throws IOException {
        TextReport.write(report, out);
        if (json != null) {
            JsonReport.write(report, json);
        }
        if (junit != null) {
            JunitReport.write(report, junit);
        }
        if (html != null) {
            HtmlReport.write(report, html);
        }
        out.flush();
    }
}
