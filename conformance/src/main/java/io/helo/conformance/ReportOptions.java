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
        List<String> selected = new ArrayList<>();
        Map<String, String> exclusions = new LinkedHashMap<>();
        for (int i = 0; i < only.size() + excluded.size(); i++) {
            String pattern = i < only.size() ? only.get(i) : excluded.get(i - only.size());
            List<String> matching = known.stream().filter(id -> matches(pattern, id)).toList();
            if (matching.isEmpty()) {
                err.println("conformance: no case " + pattern + " (--list shows them)");
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
