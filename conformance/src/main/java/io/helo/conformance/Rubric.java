package io.helo.conformance;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How cases turn into points: a TOML file giving the points of a case by its ID, by a section (an ID prefix or glob,
 * as {@code --case} takes) or by its level, the share of a case's points a warning earns, the points of a case beyond
 * the assignment, each case's visibility on a course platform, and the profile it grades under. The most specific
 * entry wins: {@code [cases]}, then {@code beyond} for a case beyond the assignment, then the longest matching
 * {@code [sections]} pattern, then {@code [levels]}. A case the selection skips (excluded, slow) is left out of the
 * maximum; one that did not apply earns nothing of it. docs/CONFORMANCE.md describes the format.
 */
final class Rubric {
    /** Gradescope's visibility values, which the rubric's {@code [visibility]} takes. */
    static final Set<String> VISIBILITIES = Set.of("hidden", "after_due_date", "after_published", "visible");
    private static final String DEFAULT_RESOURCE = "rubric.toml";
    private static final Set<String> KEYS = Set.of("profile", "warn", "beyond", "levels", "sections", "cases",
            "visibility");
    private static final double MAX_POINTS = 10_000;

    private final String name;
    private final String profile;
    private final double warn;
    private final Double beyond;
    private final Map<Level, Double> levels;
    private final Map<String, Double> sections;
    private final Map<String, Double> cases;
    private final Map<String, String> visibility;
    private final String defaultVisibility;

    private Rubric(String name, String profile, double warn, Double beyond, Map<Level, Double> levels,
            Map<String, Double> sections, Map<String, Double> cases, Map<String, String> visibility,
            String defaultVisibility) {
        this.name = name;
        this.profile = profile;
        this.warn = warn;
        this.beyond = beyond;
        this.levels = levels;
        this.sections = sections;
        this.cases = cases;
        this.visibility = visibility;
        this.defaultVisibility = defaultVisibility;
    }

    /** The rubric shipped in the checker, for the assignment. */
    static Rubric standard() {
        try (InputStream in = Rubric.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the checker's own " + DEFAULT_RESOURCE + " is missing");
            }
            return parse("the default rubric", new TomlMapper().readTree(in));
        } catch (IOException | InvalidRubricException e) {
            throw new IllegalStateException("the checker's own " + DEFAULT_RESOURCE + " is wrong: " + e.getMessage(), e);
        }
    }

    /** The default rubric's TOML text, as shipped. */
    static String standardText() throws IOException {
        try (InputStream in = Rubric.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * The rubric in {@code file}.
     *
     * @throws InvalidRubricException saying what is wrong with it, if it cannot be read or is not a rubric
     */
    static Rubric read(Path file) throws InvalidRubricException {
        JsonNode tree;
        try {
            if (Files.size(file) > 1 << 20) {
                throw new InvalidRubricException(file + ": a rubric is at most 1 MiB");
            }
            tree = new TomlMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new InvalidRubricException(file + " is not TOML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRubricException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), tree);
    }

    private static Rubric parse(String name, JsonNode tree) throws InvalidRubricException {
        if (tree == null || !tree.isObject()) {
            throw new InvalidRubricException(name + ": not a table of settings");
        }
        for (Iterator<String> keys = tree.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new InvalidRubricException(name + ": unknown setting " + Show.text(key) + " (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String profile = null;
        if (tree.has("profile")) {
            profile = tree.get("profile").asText();
            if (!tree.get("profile").isTextual() || !profile.equals("protocol") && !profile.equals("assignment")) {
                throw new InvalidRubricException(name + ": profile must be \"protocol\" or \"assignment\"");
            }
        }
        double warn = tree.has("warn") ? number(name, "warn", tree.get("warn"), 1) : 0;
        Double beyond = tree.has("beyond") ? number(name, "beyond", tree.get("beyond"), MAX_POINTS) : null;
        Map<Level, Double> levels = new LinkedHashMap<>(Map.of(Level.MUST, 1.0, Level.SHOULD, 0.5, Level.MAY, 0.0));
        for (Map.Entry<String, JsonNode> e : table(name, tree, "levels").entrySet()) {
            Level level;
            try {
                level = Level.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new InvalidRubricException(name + ": [levels] takes MUST, SHOULD and MAY: " + Show.text(e.getKey()));
            }
            levels.put(level, number(name, "levels." + e.getKey(), e.getValue(), MAX_POINTS));
        }
        List<Case<?>> catalogue = new ArrayList<>(ServerCases.all());
        catalogue.addAll(ClientCases.all());
        Map<String, Double> sections = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : table(name, tree, "sections").entrySet()) {
            known(name, "sections", e.getKey(), catalogue, false);
            sections.put(e.getKey(), number(name, "sections." + e.getKey(), e.getValue(), MAX_POINTS));
        }
        Map<String, Double> cases = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : table(name, tree, "cases").entrySet()) {
            known(name, "cases", e.getKey(), catalogue, true);
            cases.put(e.getKey(), number(name, "cases." + e.getKey(), e.getValue(), MAX_POINTS));
        }
        Map<String, String> visibility = new LinkedHashMap<>();
        String defaultVisibility = "visible";
        for (Map.Entry<String, JsonNode> e : table(name, tree, "visibility").entrySet()) {
            String value = e.getValue().asText();
            if (!e.getValue().isTextual() || !VISIBILITIES.contains(value)) {
                throw new InvalidRubricException(name + ": visibility." + e.getKey() + " must be one of "
                        + String.join(", ", VISIBILITIES.stream().sorted().toList()));
            }
            if (e.getKey().equals("default")) {
                defaultVisibility = value;
            } else {
                known(name, "visibility", e.getKey(), catalogue, false);
                visibility.put(e.getKey(), value);
            }
        }
        return new Rubric(name, profile, warn, beyond, levels, sections, cases, visibility, defaultVisibility);
    }

    private static Map<String, JsonNode> table(String name, JsonNode tree, String key) throws InvalidRubricException {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        if (!tree.has(key)) {
            return entries;
        }
        if (!tree.get(key).isObject()) {
            throw new InvalidRubricException(name + ": " + key + " must be a table, [" + key + "]");
        }
        tree.get(key).fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        return entries;
    }

    private static double number(String name, String key, JsonNode value, double max) throws InvalidRubricException {
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0 || value.asDouble() > max) {
            throw new InvalidRubricException(name + ": " + key + " must be a number from 0 to " + Points.show(max));
        }
        return value.asDouble();
    }

    /** A pattern that names no case is a typo that would grade silently wrong: refused. */
    private static void known(String name, String table, String pattern, List<Case<?>> catalogue, boolean exact)
            throws InvalidRubricException {
        boolean matches = catalogue.stream().anyMatch(c -> exact ? c.id().equals(pattern)
                : ReportOptions.matches(pattern, c.id()));
        if (!matches) {
            throw new InvalidRubricException(name + ": [" + table + "] names no case: " + Show.text(pattern)
                    + (exact ? " (a case's full ID; [sections] takes prefixes and globs)" : ""));
        }
    }

    /** Where the rubric comes from: its file, or "the default rubric". */
    String name() {
        return name;
    }

    /** The profile the rubric grades under, or null if it leaves it to {@code --profile}. */
    String profile() {
        return profile;
    }

    /** The points case {@code c} is worth at {@code level}, {@code beyond} the assignment or not. */
    double worth(Case<?> c, Level level, boolean beyond) {
        Double exact = cases.get(c.id());
        if (exact != null) {
            return exact;
        }
        if (beyond && this.beyond != null) {
            return this.beyond;
        }
        String best = longestMatch(sections.keySet(), c);
        return best != null ? sections.get(best) : levels.get(level);
    }

    /** The visibility of case {@code c} on a course platform: its longest matching pattern's, or the default. */
    String visibility(Case<?> c) {
        String best = longestMatch(visibility.keySet(), c);
        return best != null ? visibility.get(best) : defaultVisibility;
    }

    /** The longest of {@code patterns} that names case {@code c}: the most specific. */
    private static String longestMatch(Set<String> patterns, Case<?> c) {
        String best = null;
        for (String pattern : patterns) {
            if (ReportOptions.matches(pattern, c.id()) && (best == null || pattern.length() > best.length())) {
                best = pattern;
            }
        }
        return best;
    }

    /**
     * The score of {@code report}, run with {@code selection}: each case's points and maximum, and their sums. A case
     * the selection skips (excluded, slow) is out of the maximum; one that did not apply counts in it and earns
     * nothing, or a program that does nothing (to which no case applies) would keep a high share of a small maximum.
     */
    Score score(Report report, Selection selection) {
        List<Score.Item> items = new ArrayList<>();
        for (CaseResult r : report.results()) {
            boolean skipped = selection.skipReason(r.testCase()) != null;
            double max = skipped ? 0 : worth(r.testCase(), r.level(), r.beyond());
            double points = switch (r.outcome()) {
                case PASS -> max;
                case WARN -> max * warn;
                case FAIL, SKIPPED -> 0;
            };
            items.add(new Score.Item(r, points, max, visibility(r.testCase())));
        }
        return Score.of(items);
    }

    /**
     * The most {@code catalogue}'s cases can earn under {@code selection}: the maximum of a program that was
     * expected but could not be graded.
     */
    double maximum(List<? extends Case<?>> catalogue, Selection selection) {
        double sum = 0;
        for (Case<?> c : catalogue) {
            if (selection.listed(c) && selection.skipReason(c) == null) {
                Level assigned = selection.assignment() ? AssignmentProfile.level(c) : c.level();
                sum += worth(c, assigned == null ? c.level() : assigned, assigned == null);
            }
        }
        return sum;
    }

    /** A rubric that cannot be used, with why. */
    static final class InvalidRubricException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRubricException(String message) {
            super(message);
        }
    }
}
