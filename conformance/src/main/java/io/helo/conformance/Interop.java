package io.helo.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code batch --interop}: every submitted client against every submitted server, and each against the reference
 * programs, each pairing run by a runner of its own ({@link GradePairingCommand}) in a pod of its own, several at
 * once. Writes {@code OUT/interop/index.html} (servers x clients, each cell linking to its pairing's page),
 * {@code OUT/interop/interop.csv} (server, client, result, reason) and a folder per pairing,
 * {@code OUT/interop/SERVER/CLIENT/} (its page, with the wire and both programs' output, and their logs).
 */
final class Interop {
    /** The folder under {@code OUT} where the matrix and the pairings go. */
    static final String FOLDER = "interop";
    /** The name of the reference programs' row and column. */
    static final String REFERENCE = "reference";
    /** What the runner may take beyond a pairing's time limit (its JVM's start, the copies) before it is killed. */
    private static final int GRACE_SECONDS = 30;
    private static final int MAX_RESULT = 1 << 20;
    /** What of each program's output the pairing's page shows; its log holds the rest. */
    private static final int SHOWN_OUTPUT = 16 * 1024;

    /**
     * One side of the matrix: a submission's server or client, or the reference one.
     *
     * @param name as shown
     * @param folder its folder name under {@code OUT/interop} (safe)
     * @param submission where its files are
     * @param problem why it is not run (it could not be run in its own grading), or null
     */
    record Side(String name, String folder, Path submission, String problem) {
    }

    /** One cell: a pairing and what it came to. */
    record Cell(Side server, Side client, String result, String reason) {
    }

    /** How each pairing is run: the batch's settings. */
    record Settings(int port, int limitSeconds, int buildSeconds, int pairingSeconds, Limits limits, int jobs) {
    }

    private Interop() {
    }

    /** The sides of the matrix for {@code role}: the reference first (if any), then each submission that has one. */
    static List<Side> sides(String role, Path reference, List<Graded> rows, Map<String, Path> submissions,
            Map<String, String> folders) {
        List<Side> sides = new ArrayList<>();
        if (reference != null) {
            String folder = REFERENCE;
            while (folders.containsValue(folder)) {
                folder = "_" + folder; // a submission has the name; this one cannot be a submission's (plain names)
            }
            sides.add(new Side(REFERENCE + " " + role + ".jar", folder, reference, null));
        }
        for (Graded row : rows) {
            String verdict = row.verdict(role);
            if (verdict.equals("conforms") || verdict.equals("fails") || verdict.equals("could not be run")) {
                sides.add(new Side(row.name(), folders.get(row.name()), submissions.get(row.name()),
                        verdict.equals("could not be run") ? "the " + role + " could not be run in its own grading"
                                : null));
            }
        }
        return sides;
    }

    /** Runs every pairing of {@code servers} and {@code clients}, writes the matrix, and returns its cells. */
    static List<Cell> run(List<Side> servers, List<Side> clients, Path out, Settings settings, PrintWriter stdout,
            PrintWriter err) throws IOException, InterruptedException {
        Path root = out.resolve(FOLDER);
        WorkCopy.delete(root); // a previous run's pairings would be taken for this one's
        Files.createDirectories(root);
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.jobs(),
                servers.size() * clients.size())));
        List<Future<Cell>> running = new ArrayList<>();
        long start = System.nanoTime();
        int total = servers.size() * clients.size();
        int[] done = {0};
        try {
            for (Side server : servers) {
                for (Side client : clients) {
                    running.add(workers.submit(() -> {
                        Cell cell = pairing(server, client, root, settings);
                        synchronized (done) {
                            done[0]++;
                            err.println("interop " + done[0] + "/" + total + ": " + Show.name(server.name()) + " x "
                                    + Show.name(client.name()) + ": " + cell.result() + " ("
                                    + (System.nanoTime() - start) / 1_000_000_000 + " s)");
                            err.flush();
                        }
                        return cell;
                    }));
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (Future<Cell> cell : running) {
                try {
                    cells.add(cell.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("interop failed", e.getCause()); // only a bug of the checker's
                }
            }
            for (Cell cell : cells) {
                stdout.println("interop: server " + Show.name(cell.server().name()) + ", client "
                        + Show.name(cell.client().name()) + ": " + cell.result() + (cell.reason().isEmpty() ? ""
                        : ": " + cell.reason()));
            }
            stdout.flush();
            AtomicFiles.write(root.resolve("interop.csv"), csv(cells));
            AtomicFiles.write(root.resolve("index.html"), html(servers, clients, cells));
            return cells;
        } finally {
            workers.shutdownNow();
        }
    }

    private static Cell pairing(Side server, Side client, Path root, Settings settings) throws IOException,
            InterruptedException {
        Path folder = root.resolve(server.folder()).resolve(client.folder()).toAbsolutePath();
        Files.createDirectories(folder);
        Cell cell;
        List<String> wire = List.of();
        if (server.problem() != null || client.problem() != null) {
            cell = new Cell(server, client, PairingJudge.NOT_RUN, server.problem() != null ? server.problem()
                    : client.problem());
        } else {
            Limits limits = settings.limits();
            List<String> arguments = new ArrayList<>(List.of(GradePairingCommand.NAME, "--server=" + server.submission()
                    .toAbsolutePath(), "--client=" + client.submission().toAbsolutePath()));
            arguments.addAll(RunnerOptions.arguments(folder, settings.port(), settings.limitSeconds(),
                    settings.buildSeconds()));
            arguments.addAll(List.of("--time-budget", String.valueOf(settings.pairingSeconds())));
            arguments.addAll(limits.arguments());
            Path result = folder.resolve(".result.json");
            Path runnerLog = folder.resolve("checker.log");
            Process runner = new ProcessBuilder(Pod.command(arguments, 2 * limits.diskBytes(),
                    List.of(server.submission(), client.submission()), List.of(folder)))
                    .redirectOutput(result.toFile()).redirectError(runnerLog.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Processes.nothing())).start();
            try {
                if (!runner.waitFor(settings.pairingSeconds() + GRACE_SECONDS, TimeUnit.SECONDS)) {
                    cell = new Cell(server, client, PairingJudge.FAILS, "the pairing did not end within its time limit ("
                            + settings.pairingSeconds() + " s) and " + GRACE_SECONDS + " s more: stopped");
                } else {
                    JsonNode tree = read(result, runner.exitValue());
                    if (tree == null) {
                        cell = new Cell(server, client, PairingJudge.NOT_RUN, "the checker failed to run it (status "
                                + runner.exitValue() + "; its output: " + runnerLog + ")");
                    } else {
                        cell = new Cell(server, client, tree.path("result").asText(), tree.path("reason").asText());
                        List<String> entries = new ArrayList<>();
                        tree.path("wire").forEach(e -> entries.add(e.asText()));
                        wire = entries;
                    }
                }
            } finally {
                Processes.stop(runner);
                Files.deleteIfExists(result);
            }
            if (Files.size(runnerLog) == 0) {
                Files.delete(runnerLog);
            }
        }
        Files.writeString(folder.resolve("wire.txt"), String.join("\n", wire) + (wire.isEmpty() ? "" : "\n"));
        Files.writeString(folder.resolve("index.html"), page(cell, wire, folder));
        return cell;
    }

    private static JsonNode read(Path result, int status) {
        try {
            if (status == 0 && Files.size(result) <= MAX_RESULT) {
                return new ObjectMapper().readTree(result.toFile());
            }
        } catch (IOException e) {
            // below: not run, with where the runner said why
        }
        return null;
    }

    /** The matrix as CSV: server, client, result, reason; quoted and guarded against formulas as the batch's is. */
    static String csv(List<Cell> cells) {
        return SafeCsv.of(List.of("server", "client", "result", "reason"), cells.stream()
                .map(cell -> List.of(cell.server().name(), cell.client().name(), cell.result(), cell.reason())).toList());
    }

    /** The matrix as one HTML page: a row per server, a column per client, each cell linking to its pairing. */
    static String html(List<Side> servers, List<Side> clients, List<Cell> cells) {
        Map<String, Cell> byPair = new LinkedHashMap<>();
        cells.forEach(c -> byPair.put(c.server().folder() + "/" + c.client().folder(), c));
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>HELO interoperability</title><style>body{font-family:system-ui,sans-serif;margin:2em}"
                + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:2px 6px;font-size:85%}"
                + "th.client{writing-mode:vertical-rl;transform:rotate(180deg)}.works{background:#e6f4ea}"
                + ".fails{background:#fce8e6}.not-run{background:#f1f3f4}</style></head><body>"
                + "<h1>HELO interoperability: who works with whom</h1>\n<p>A row per server, a column per client; each"
                + " cell links to its session: the wire between them and what both printed.</p>\n"
                + "<table><tr><th>server \\ client</th>");
        clients.forEach(c -> html.append("<th class=\"client\">").append(HtmlReport.escape(c.name())).append("</th>"));
        html.append("</tr>\n");
        for (Side server : servers) {
            html.append("<tr><th>").append(HtmlReport.escape(server.name())).append("</th>");
            for (Side client : clients) {
                Cell cell = byPair.get(server.folder() + "/" + client.folder());
                String link = server.folder() + "/" + client.folder() + "/index.html";
                html.append("<td class=\"").append(cell.result().replace(' ', '-')).append("\" title=\"")
                        .append(HtmlReport.escape(cell.reason())).append("\"><a href=\"")
                        .append(HtmlReport.escape(link)).append("\">").append(HtmlReport.escape(cell.result()))
                        .append("</a></td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<h2>What did not work</h2>\n<ul>\n");
        for (Cell cell : cells) {
            if (!cell.result().equals(PairingJudge.WORKS)) {
                html.append("<li><a href=\"").append(HtmlReport.escape(cell.server().folder() + "/"
                        + cell.client().folder() + "/index.html")).append("\">server ")
                        .append(HtmlReport.escape(cell.server().name())).append(", client ")
                        .append(HtmlReport.escape(cell.client().name())).append("</a>: ")
                        .append(HtmlReport.escape(cell.result())).append(": ").append(HtmlReport.escape(cell.reason()))
                        .append("</li>\n");
            }
        }
        return html.append("</ul></body></html>\n").toString();
    }

    /** A pairing's page: its result, the wire, and the end of both programs' output, all escaped. */
    private static String page(Cell cell, List<String> wire, Path folder) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>HELO interoperability: ").append(HtmlReport.escape(cell.server().name() + " x "
                + cell.client().name())).append("</title><style>body{font-family:system-ui,sans-serif;margin:2em}"
                + "pre{white-space:pre-wrap;word-break:break-all;border:1px solid #ccc;padding:.5em}</style></head>"
                + "<body>\n<h1>Server <code>").append(HtmlReport.escape(cell.server().name()))
                .append("</code>, client <code>").append(HtmlReport.escape(cell.client().name()))
                .append("</code></h1>\n<p><strong>").append(HtmlReport.escape(cell.result())).append("</strong>")
                .append(cell.reason().isEmpty() ? "" : ": " + HtmlReport.escape(cell.reason())).append("</p>\n")
                .append("<h2>The wire</h2>\n<p>N&gt; the client sent, N&lt; the server sent, N= what happened;"
                        + " N: the connection.</p>\n<pre>");
        wire.forEach(line -> html.append(HtmlReport.escape(line)).append('\n'));
        html.append("</pre>\n");
        for (String log : List.of("server.log", "client.log", "server-build.log", "client-build.log")) {
            Path file = folder.resolve(log);
            if (Files.exists(file)) {
                html.append("<h2><a href=\"").append(log).append("\">").append(log).append("</a></h2>\n<pre>")
                        .append(HtmlReport.escape(tail(file))).append("</pre>\n");
            }
        }
        return html.append("</body></html>\n").toString();
    }

    /** The last {@value #SHOWN_OUTPUT} octets of {@code file}, as text with control characters escaped. */
    private static String tail(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int from = Math.max(0, all.length - SHOWN_OUTPUT);
        String text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder(from > 0 ? "(" + from + " octets before these)\n" : "");
        text.lines().forEach(line -> {
            String quoted = Show.text(line);
            shown.append(quoted.equals("\"" + line + "\"") ? line : quoted).append('\n');
        });
        return shown.toString();
    }
}
