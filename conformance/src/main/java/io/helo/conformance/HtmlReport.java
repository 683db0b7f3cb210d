package io.helo.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The HTML report: one self-contained page (no scripts, no external files), what did not pass first. */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Writes {@code report} to {@code file}. */
    public static void write(Report report, Path file) throws IOException {
        Files.writeString(file, page(report), StandardCharsets.UTF_8);
    }

    /** Writes {@code report} with its {@code score} under the verdict to {@code file}. */
    static void write(Report report, Score score, Path file) throws IOException {
        String page = page(report);
        int verdictEnd = page.indexOf("</p>\n", page.indexOf("<p class=\"verdict\">")) + "</p>\n".length();
        Files.writeString(file, page.substring(0, verdictEnd) + "<p class=\"score\">Score: "
                + Points.show(score.points()) + " of " + Points.show(score.maximum()) + " points</p>\n"
                + page.substring(verdictEnd), StandardCharsets.UTF_8);
    }

    /** The page for {@code report}. */
    static String page(Report report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>HELO conformance: ")
                .append(escape(report.mode() + " " + report.target())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;")
                .append("width:100%;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;")
                .append("vertical-align:top}th{background:#f3f3f3}.pass{background:#e6f4ea}.fail{background:#fce8e6}")
                .append(".warn{background:#fef7e0}.skipped{background:#f1f3f4;color:#555}code{font-size:90%;white-space:nowrap}")
                .append(".verdict{font-size:1.3em;font-weight:bold}.finding{border:1px solid #ccc;padding:0 1em;margin-bottom:1em}")
                .append("pre{white-space:pre-wrap;word-break:break-all}</style></head><body>\n");
        html.append("<h1>HELO conformance: ").append(escape(report.mode())).append(" <code>")
                .append(escape(report.target())).append("</code></h1>\n");
        Map<Outcome, Integer> counts = report.countByOutcome();
        html.append("<p class=\"verdict\">").append(report.failed() ? "Does not conform: a MUST failed"
                : "Conforms: every MUST passed").append("</p>\n<p>").append(report.counted().size())
                .append(" cases: ").append(counts.get(Outcome.PASS)).append(" pass, ").append(counts.get(Outcome.FAIL))
                .append(" fail, ").append(counts.get(Outcome.WARN)).append(" warn, ").append(counts.get(Outcome.SKIPPED))
                .append(" skipped; started ").append(escape(report.started().toString())).append(", took ")
                .append(String.format(java.util.Locale.ROOT, "%.1f", report.millis() / 1000.0)).append(" s.</p>\n");
        part(html, report, report.counted(), "Not passed");
        if (report.hasBeyond()) {
            html.append("<h2>").append(escape(TextReport.BEYOND)).append("</h2>\n");
            part(html, report, report.results().stream().filter(CaseResult::beyond).toList(),
                    "Not passed beyond the assignment");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void part(StringBuilder html, Report report, List<CaseResult> results, String heading) {
        List<CaseResult> notPassed = results.stream().filter(CaseResult::notPassed).toList();
        if (!notPassed.isEmpty()) {
            html.append("<h2>").append(escape(heading)).append("</h2>\n");
            notPassed.forEach(r -> feedback(html, report, r));
        }
        Map<String, List<CaseResult>> bySection = new TreeMap<>(TextReport::compareSections);
        results.forEach(r -> bySection.computeIfAbsent(r.testCase().section(), k -> new ArrayList<>()).add(r));
        bySection.forEach((section, inSection) -> {
            html.append("<h3>").append(escape(Sections.title(section))).append("</h3>\n");
            table(html, inSection);
        });
    }

    private static void feedback(StringBuilder html, Report report, CaseResult r) {
        html.append("<div class=\"").append(r.outcome().label()).append(" finding\"><h3>").append(r.outcome().label())
                .append(" ").append(r.level()).append(" <code>").append(escape(r.testCase().id()))
                .append("</code></h3>\n<p>").append(escape(r.detail())).append("</p>\n<p><b>requirement</b>: ")
                .append(escape(Feedback.requirement(r))).append("</p>\n");
        if (!r.testCase().hint().isEmpty()) {
            html.append("<p><b>hint</b>: ").append(escape(r.testCase().hint())).append("</p>\n");
        }
        if (!r.transcript().isEmpty()) {
            html.append("<p><b>").append(escape(Feedback.EXCHANGE)).append("</b></p>\n<pre>")
                    .append(escape(String.join("\n", r.transcript()))).append("</pre>\n");
        }
        String rerun = report.rerun(r.testCase().id());
        if (!rerun.isEmpty()) {
            html.append("<p><b>re-run</b>: <code>").append(escape(rerun)).append("</code></p>\n");
        }
        html.append("</div>\n");
    }

    private static void table(StringBuilder html, List<CaseResult> results) {
        html.append("<table><tr><th>outcome</th><th>level</th><th>case</th><th>requirement</th><th>observed</th></tr>\n");
        for (CaseResult r : results) {
            html.append("<tr class=\"").append(r.outcome().label()).append("\"><td>").append(r.outcome().label())
                    .append("</td><td>").append(r.level()).append("</td><td><code>")
                    .append(escape(r.testCase().id())).append("</code></td><td>")
                    .append(escape(r.testCase().requirement())).append("</td><td>").append(escape(r.detail()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** {@code text} safe inside HTML text and attribute values. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
