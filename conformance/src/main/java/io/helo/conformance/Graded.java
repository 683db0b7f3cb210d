package io.helo.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One submission's grades, as its case runner sends them to the batch: either why it is not gradable, or for each
 * program (server, client) its report, or why it could not be run, or neither when the submission has no such
 * program; and notes (the time budget spent).
 *
 * @param name the submission's folder name
 * @param notGradable why nothing could be graded, or null
 * @param server the server's report, or null
 * @param serverProblem why the server could not be run, or null
 * @param client the client's report, or null
 * @param clientProblem why the client could not be run, or null
 * @param notes anything else an instructor should know
 */
public record Graded(String name, String notGradable, Report server, String serverProblem, Report client,
        String clientProblem, List<String> notes) {
    /** Copies the notes. */
    public Graded {
        notes = List.copyOf(notes);
    }

    /** A submission with nothing to grade, for {@code reason}. */
    static Graded notGradable(String name, String reason) {
        return new Graded(name, reason, null, null, null, null, List.of());
    }

    /** True if anything failed: a MUST case, a program that could not be run, or the submission as a whole. */
    public boolean failed() {
        return notGradable != null || serverProblem != null || clientProblem != null
                || (server != null && server.failed()) || (client != null && client.failed());
    }

    /** The line the batch prints for it. */
    public String summary() {
        if (notGradable != null) {
            return Show.name(name) + ": not gradable: " + notGradable;
        }
        String line = Show.name(name) + ": server " + part(server, serverProblem, "server") + "; client "
                + part(client, clientProblem, "client");
        return notes.isEmpty() ? line : line + "; " + String.join("; ", notes);
    }

    /** The verdict word of the server or client column: conforms, fails, could not be run, none or not gradable. */
    public String verdict(String role) {
        Report report = role.equals("server") ? server : client;
        String problem = role.equals("server") ? serverProblem : clientProblem;
        return notGradable != null ? "not gradable" : report != null ? (report.failed() ? "fails" : "conforms")
                : problem != null ? "could not be run" : "none";
    }

    /** What an instructor should read beside the verdicts, in one cell. */
    public String note() {
        List<String> all = new ArrayList<>();
        if (notGradable != null) {
            all.add("not gradable: " + notGradable);
        }
        if (serverProblem != null) {
            all.add("server " + serverProblem);
        }
        if (clientProblem != null) {
            all.add("client " + clientProblem);
        }
        all.addAll(notes);
        return String.join("; ", all);
    }

    /** The outcome of case {@code c} (pass, fail, warn, skipped), or "" if it was not run. */
    public String outcome(Case<?> c) {
        Report report = c.id().startsWith("server/") ? server : client;
        if (report == null) {
            return "";
        }
        return report.results().stream().filter(r -> r.testCase().id().equals(c.id())).findFirst()
                .map(r -> r.outcome().label()).orElse("");
    }

    /** As JSON, the reports in {@link JsonReport}'s form. */
    Map<String, Object> tree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", name);
        tree.put("notGradable", notGradable);
        tree.put("server", server == null ? null : JsonReport.tree(server));
        tree.put("serverProblem", serverProblem);
        tree.put("client", client == null ? null : JsonReport.tree(client));
        tree.put("clientProblem", clientProblem);
        tree.put("notes", notes);
        return tree;
    }

    /** Read back from its {@link #tree}. */
    static Graded read(JsonNode tree) throws IOException {
        List<String> notes = new ArrayList<>();
        tree.path("notes").forEach(n -> notes.add(n.asText()));
        return new Graded(tree.path("name").asText(), text(tree.get("notGradable")),
                report(tree.get("server"), ServerCases.all()), text(tree.get("serverProblem")),
                report(tree.get("client"), ClientCases.all()), text(tree.get("clientProblem")), notes);
    }

    private static String part(Report report, String problem, String role) {
        if (report != null) {
            var counts = report.countByOutcome();
            var beyond = report.countBeyond();
            return (report.failed() ? "FAILS" : "conforms") + " (" + counts.get(Outcome.PASS) + " pass, "
                    + counts.get(Outcome.FAIL) + " fail, " + counts.get(Outcome.WARN) + " warn" + (report.hasBeyond()
                            ? "; beyond the assignment " + beyond.get(Outcome.PASS) + " pass, " + beyond.get(Outcome.FAIL)
                                    + " fail, " + beyond.get(Outcome.WARN) + " warn" : "") + ")";
        }
        return problem != null ? "could not be run: " + problem : "none (no " + Layout.lookedFor(role) + ")";
    }

    private static Report report(JsonNode tree, List<? extends Case<?>> catalogue) throws IOException {
        return tree == null || tree.isNull() ? null : JsonReport.read(tree, catalogue);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
