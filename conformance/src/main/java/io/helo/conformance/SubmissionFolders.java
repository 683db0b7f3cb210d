package io.helo.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The folder a batch writes for each submission, one an instructor can hand back: {@code index.html} (the verdicts
 * and what to open), {@code report.json} (both programs' reports, transcripts included), {@code server.html} and
 * {@code client.html} (each program's report with the exchanges of what did not pass), and the programs' captured
 * output ({@code build.log}, {@code server.log}, {@code client.log}, {@code client-busy.log} ...).
 */
final class SubmissionFolders {
    private static final int LONGEST = 60;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SubmissionFolders() {
    }

    /**
     * The folder name of each submission: its own name where that is made of letters, digits, {@code .}, {@code _}
     * and {@code -} only, does not start with {@code .} or {@code -}, is at most 60 characters long, is not
     * {@code index.html} (the matrix's page beside them) nor {@code interop} ({@code --interop}'s folder) and is what no other name becomes, even ignoring case (a
     * folder copied to macOS or Windows, or zipped); otherwise those characters of it (others made {@code _}), cut to
     * 60, then {@code -} and the first 8 hex digits of the SHA-256 of the name. No
     * name can leave the output folder, hide as a dot file, or stand for another.
     */
    static Map<String, String> names(List<String> submissions) {
        Map<String, Integer> folded = new LinkedHashMap<>();
        submissions.forEach(s -> folded.merge(plain(s).toLowerCase(Locale.ROOT), 1, Integer::sum));
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String submission : submissions) {
            String plain = plain(submission);
            String name = plain.equals(submission) && !plain.equalsIgnoreCase("index.html")
                    && !plain.equalsIgnoreCase(Interop.FOLDER) && folded.get(plain.toLowerCase(Locale.ROOT)) == 1 ? plain
                    : plain + "-" + digest(submission).substring(0, 8);
            if (!taken.add(name.toLowerCase(Locale.ROOT))) { // two names whose digests share 32 bits
                name = plain + "-" + digest(submission);
                taken.add(name.toLowerCase(Locale.ROOT));
            }
            names.put(submission, name);
        }
        return names;
    }

    private static String plain(String name) {
        StringBuilder plain = new StringBuilder();
        name.codePoints().limit(LONGEST).forEach(c -> plain.append(c < 128 && (Character.isLetterOrDigit(c)
                || c == '.' || c == '_' || c == '-') ? (char) c : '_'));
        while (plain.length() > 0 && (plain.charAt(0) == '.' || plain.charAt(0) == '-')) {
            plain.setCharAt(0, '_');
        }
        return plain.length() == 0 ? "_" : plain.toString();
    }

    private static String digest(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Writes the reports of {@code graded} into its {@code folder}, beside its programs' output. */
    static void write(Path folder, Graded graded) throws IOException {
        Files.writeString(folder.resolve("report.json"), JSON.writeValueAsString(graded.tree()) + "\n");
        if (graded.server() != null) {
            Files.writeString(folder.resolve("server.html"), HtmlReport.page(graded.server()));
        }
        if (graded.client() != null) {
            Files.writeString(folder.resolve("client.html"), HtmlReport.page(graded.client()));
        }
        Files.writeString(folder.resolve("index.html"), index(folder, graded));
    }

    private static String index(Path folder, Graded graded) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>HELO conformance: ").append(HtmlReport.escape(graded.name())).append("</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em}</style></head><body>\n<h1>HELO conformance: <code>")
                .append(HtmlReport.escape(graded.name())).append("</code></h1>\n<ul>\n");
        for (String role : List.of("server", "client")) {
            html.append("<li>").append(role).append(": ").append(HtmlReport.escape(graded.verdict(role)));
            if (Files.exists(folder.resolve(role + ".html"))) {
                html.append(" (<a href=\"").append(role).append(".html\">report</a>)");
            }
            html.append("</li>\n");
        }
        html.append("</ul>\n");
        if (!graded.note().isEmpty()) {
            html.append("<p>").append(HtmlReport.escape(graded.note())).append("</p>\n");
        }
        html.append("<p>All of it as JSON: <a href=\"report.json\">report.json</a>. What the programs printed:</p>\n<ul>\n");
        try (var files = Files.list(folder)) {
            for (String log : files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".log")).sorted()
                    .toList()) {
                html.append("<li><a href=\"").append(HtmlReport.escape(log)).append("\">").append(HtmlReport.escape(log))
                        .append("</a></li>\n");
            }
        }
        return html.append("</ul></body></html>\n").toString();
    }
}
