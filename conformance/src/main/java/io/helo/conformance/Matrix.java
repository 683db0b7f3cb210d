package io.helo.conformance;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The grades of many submissions side by side: one row per submission, one column per case. */
final class Matrix {
    private final List<Graded> rows;
    private final List<Case<?>> columns = new ArrayList<>();

    Matrix(List<Graded> rows) {
        this.rows = List.copyOf(rows);
        columns.addAll(ServerCases.all());
        columns.addAll(ClientCases.all());
    }

    /**
     * The matrix as CSV (RFC 4180, quoted where needed, newlines inside quotes): a header of case IDs, then one line
     * per submission. A cell a spreadsheet could take for a formula (starting with {@code = + - @}, TAB or CR; a
     * submission's name comes from a user name) is prefixed with {@code '}, as OWASP advises.
     */
    String csv() {
        List<String> header = new ArrayList<>(List.of("submission", "server", "client", "notes"));
        columns.forEach(c -> header.add(c.id()));
        List<List<String>> lines = new ArrayList<>();
        for (Graded row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.name(), row.verdict("server"), row.verdict("client"),
                    row.note()));
            columns.forEach(c -> cells.add(row.outcome(c)));
            lines.add(cells);
        }
        return SafeCsv.of(header, lines);
    }

    /** The matrix as one self-contained HTML page. */
    String html() {
        return html(Map.of());
    }

    /**
     * Where the page at {@code page} links each submission: its folder's {@code index.html} under {@code out}, for
     * those whose folder is there ({@code --keep-output failed} deletes the others), relative and URI-encoded.
     */
    static Map<String, String> links(List<Graded> rows, Map<String, String> folders, Path out, Path page) {
        Map<String, String> links = new HashMap<>();
        Path from = page.toAbsolutePath().normalize().getParent();
        for (Graded row : rows) {
            String folder = folders.get(row.name());
            Path index = out.toAbsolutePath().normalize().resolve(folder == null ? "" : folder).resolve("index.html");
            if (folder != null && Files.exists(index)) {
                String relative = from.relativize(index).toString().replace(java.io.File.separatorChar, '/');
                try {
                    links.put(row.name(), new URI(null, null, relative, null).toASCIIString());
                } catch (URISyntaxException e) {
                    // no link rather than a wrong one
                }
            }
        }
        return links;
    }

    /** The matrix as one self-contained HTML page, each submission linking to what {@code links} gives for it. */
    String html(Map<String, String> links) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>HELO conformance: submissions</title><style>body{font-family:system-ui,sans-serif;margin:2em}"
                + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:2px 6px;font-size:85%}"
                + "th.case{writing-mode:vertical-rl;transform:rotate(180deg)}.pass{background:#e6f4ea}"
                + ".fail{background:#fce8e6}.warn{background:#fef7e0}.skipped{background:#f1f3f4}</style></head><body>"
                + "<h1>HELO conformance: submissions</h1>\n<table><tr><th>submission</th><th>server</th><th>client</th>"
                + "<th>notes</th>");
        columns.forEach(c -> html.append("<th class=\"case\">").append(HtmlReport.escape(c.id())).append("</th>"));
        html.append("</tr>\n");
        for (Graded row : rows) {
            String link = links.get(row.name());
            html.append("<tr><th>").append(link == null ? HtmlReport.escape(row.name()) : "<a href=\""
                    + HtmlReport.escape(link) + "\">" + HtmlReport.escape(row.name()) + "</a>").append("</th><td>")
                    .append(HtmlReport.escape(row.verdict("server"))).append("</td><td>")
                    .append(HtmlReport.escape(row.verdict("client"))).append("</td><td>")
                    .append(HtmlReport.escape(row.note())).append("</td>");
            columns.forEach(c -> {
                String outcome = row.outcome(c);
                html.append("<td class=\"").append(outcome).append("\">").append(outcome).append("</td>");
            });
            html.append("</tr>\n");
        }
        return html.append("</table></body></html>\n").toString();
    }
}
