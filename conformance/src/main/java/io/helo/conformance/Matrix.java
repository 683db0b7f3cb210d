package io.helo.conformance;

import java.util.ArrayList;
import java.util.List;

/** The grades of many submissions side by side: one row per submission, one column per case. */
final class Matrix {
    private final List<Row> rows;
    private final List<Case<?>> columns = new ArrayList<>();

    /** One submission's grades; a report is null when it has no such program, or it could not be run. */
    record Row(String name, Report server, String serverProblem, Report client, boolean clientProblem) {
        boolean failed() {
            return serverProblem != null || clientProblem || (server != null && server.failed())
                    || (client != null && client.failed());
        }

        String summary() {
            return name + ": server " + (server != null ? grade(server) : serverProblem != null ? serverProblem
                    : "none") + "; client " + (client != null ? grade(client) : clientProblem ? "could not be run"
                    : "none");
        }

        String outcome(Case<?> c) {
            Report report = c.id().startsWith("server/") ? server : client;
            if (report == null) {
                return "";
            }
            return report.results().stream().filter(r -> r.testCase().id().equals(c.id())).findFirst()
                    .map(r -> r.outcome().label()).orElse("");
        }

        private static String grade(Report report) {
            var counts = report.countByOutcome();
            return (report.failed() ? "FAILS" : "conforms") + " (" + counts.get(Outcome.PASS) + " pass, "
                    + counts.get(Outcome.FAIL) + " fail, " + counts.get(Outcome.WARN) + " warn)";
        }
    }

    Matrix(List<Row> rows) {
        this.rows = List.copyOf(rows);
        columns.addAll(ServerCases.all());
        columns.addAll(ClientCases.all());
    }

    /** The matrix as CSV: a header of case IDs, then one line per submission. */
    String csv() {
        StringBuilder csv = new StringBuilder("submission,server,client,notes");
        columns.forEach(c -> csv.append(',').append(c.id()));
        csv.append('\n');
        for (Row row : rows) {
            csv.append(quote(row.name())).append(',').append(quote(verdict(row.server(), row.serverProblem() != null)))
                    .append(',').append(quote(verdict(row.client(), row.clientProblem()))).append(',')
                    .append(quote(row.serverProblem() == null ? "" : "server " + row.serverProblem()));
            columns.forEach(c -> csv.append(',').append(row.outcome(c)));
            csv.append('\n');
        }
        return csv.toString();
    }

    /** The matrix as one self-contained HTML page. */
    String html() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>HELO conformance: submissions</title><style>body{font-family:system-ui,sans-serif;margin:2em}"
                + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:2px 6px;font-size:85%}"
                + "th.case{writing-mode:vertical-rl;transform:rotate(180deg)}.pass{background:#e6f4ea}"
                + ".fail{background:#fce8e6}.warn{background:#fef7e0}.skipped{background:#f1f3f4}</style></head><body>"
                + "<h1>HELO conformance: submissions</h1>\n<table><tr><th>submission</th><th>server</th><th>client</th>");
        columns.forEach(c -> html.append("<th class=\"case\">").append(HtmlReport.escape(c.id())).append("</th>"));
        html.append("</tr>\n");
        for (Row row : rows) {
            html.append("<tr><th>").append(HtmlReport.escape(row.name())).append("</th><td>")
                    .append(HtmlReport.escape(verdict(row.server(), row.serverProblem() != null))).append("</td><td>")
                    .append(HtmlReport.escape(verdict(row.client(), row.clientProblem()))).append("</td>");
            columns.forEach(c -> {
                String outcome = row.outcome(c);
                html.append("<td class=\"").append(outcome).append("\">").append(outcome).append("</td>");
            });
            html.append("</tr>\n");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String verdict(Report report, boolean problem) {
        return report != null ? (report.failed() ? "fails" : "conforms") : problem ? "could not be run" : "none";
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
