package io.helo.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON report: {@code target}, {@code mode}, {@code started}, {@code summary} (counts by outcome and, for what
 * did not pass, by level) and {@code cases}, each with {@code id}, {@code section}, {@code level}, {@code outcome},
 * {@code requirement}, {@code detail}, {@code hint}, {@code transcript} (the exchange of a case that did not pass, one
 * line a string), {@code rerun} (the command that re-runs it alone), {@code tags} and {@code millis}.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** Writes {@code report} to {@code file}. */
    public static void write(Report report, Path file) throws IOException {
        JSON.writeValue(file.toFile(), tree(report));
    }

    /** Writes {@code report} with its {@code score} (a {@code score} object, and each case's points) to {@code file}. */
    static void write(Report report, Score score, Path file) throws IOException {
        JSON.writeValue(file.toFile(), tree(report, score));
    }

    /** The report as the map that is written, with its score: {@code points} and {@code maxPoints} per case. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(Report report, Score score) {
        Map<String, Object> root = tree(report);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("points", score.points());
        total.put("maximum", score.maximum());
        root.put("score", total);
        for (Map<String, Object> c : (List<Map<String, Object>>) root.get("cases")) {
            Score.Item item = score.item((String) c.get("id"));
            c.put("points", item == null ? 0.0 : item.points());
            c.put("maxPoints", item == null ? 0.0 : item.maximum());
        }
        return root;
    }

    /** The report as the map that is written. */
    static Map<String, Object> tree(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", report.target());
        root.put("mode", report.mode());
        root.put("started", report.started().toString());
        root.put("millis", report.millis());
        root.put("rerun", report.rerun());
        Map<String, Object> summary = new LinkedHashMap<>();
        report.countByOutcome().forEach((outcome, n) -> summary.put(outcome.label(), n));
        Map<String, Object> byLevel = new LinkedHashMap<>();
        report.notPassedByLevel().forEach((level, n) -> byLevel.put(level.name(), n));
        summary.put("notPassedByLevel", byLevel);
        summary.put("conforms", !report.failed());
        if (report.hasBeyond()) {
            Map<String, Object> beyond = new LinkedHashMap<>();
            report.countBeyond().forEach((outcome, n) -> beyond.put(outcome.label(), n));
            summary.put("beyondAssignment", beyond);
        }
        root.put("summary", summary);
        List<Map<String, Object>> cases = report.results().stream().map(r -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", r.testCase().id());
            c.put("section", r.testCase().section());
            c.put("level", r.level().name());
            c.put("beyondAssignment", r.beyond());
            c.put("outcome", r.outcome().label());
            c.put("requirement", r.testCase().requirement());
            c.put("detail", r.detail());
            c.put("hint", r.testCase().hint());
            c.put("transcript", r.transcript());
            c.put("rerun", r.notPassed() ? report.rerun(r.testCase().id()) : "");
            c.put("tags", r.testCase().tags().stream().sorted().toList());
            c.put("millis", r.millis());
            return c;
        }).toList();
        root.put("cases", cases);
        return root;
    }

    /** A report read back from its {@link #tree}, each case looked up by its ID in {@code catalogue}. */
    static Report read(JsonNode tree, List<? extends Case<?>> catalogue) throws IOException {
        Map<String, Case<?>> byId = new LinkedHashMap<>();
        catalogue.forEach(c -> byId.put(c.id(), c));
        List<CaseResult> results = new ArrayList<>();
        for (JsonNode result : tree.path("cases")) {
            Case<?> c = byId.get(result.path("id").asText());
            if (c == null) {
                throw new IOException("a report names a case the catalogue does not have: " + result.path("id"));
            }
            Outcome outcome;
            try {
                outcome = Outcome.valueOf(result.path("outcome").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException("a report has an unknown outcome: " + result.path("outcome"), e);
            }
            List<String> transcript = new ArrayList<>();
            result.path("transcript").forEach(line -> transcript.add(line.asText()));
            Level level;
            try {
                level = Level.valueOf(result.path("level").asText(c.level().name()));
            } catch (IllegalArgumentException e) {
                throw new IOException("a report has an unknown level: " + result.path("level"), e);
            }
            results.add(new CaseResult(c, outcome, result.path("detail").asText(), result.path("millis").asLong(),
                    transcript, level, result.path("beyondAssignment").asBoolean(false)));
        }
        try {
            return new Report(tree.path("target").asText(), tree.path("mode").asText(),
                    Instant.parse(tree.path("started").asText()), tree.path("millis").asLong(), results,
                    tree.path("rerun").asText(""));
        } catch (DateTimeParseException e) {
            throw new IOException("a report has no start time", e);
        }
    }
}
