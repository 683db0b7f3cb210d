package io.helo.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which cases a batch grades, from {@code --case}, {@code --exclude}/{@code --reason}, {@code --profile} and
 * {@code --slow} as {@code server} and {@code client} take them, but over both catalogues at once: a pattern must name
 * a case of one of them, and each program gets the cases of its own ({@code --case server/5} grades no client).
 *
 * @param only the {@code --case} patterns
 * @param excluded the {@code --exclude} patterns
 * @param reasons the {@code --reason} of each {@code --exclude}
 * @param profile {@code assignment} (the batch's default) or {@code protocol}
 * @param slow whether the slow cases run
 */
record BatchSelection(List<String> only, List<String> excluded, List<String> reasons, String profile, boolean slow) {
    /** Copies the lists. */
    BatchSelection {
        only = List.copyOf(only);
        excluded = List.copyOf(excluded);
        reasons = List.copyOf(reasons);
    }

    /** What is wrong with these options, or null. */
    String problem() {
        if (!profile.equals("protocol") && !profile.equals("assignment")) {
            return "--profile must be protocol or assignment: " + profile;
        }
        if (excluded.size() != reasons.size()) {
            return "every --exclude needs its --reason (" + excluded.size() + " --exclude, " + reasons.size()
                    + " --reason)";
        }
        List<String> known = Stream.concat(ServerCases.all().stream(), ClientCases.all().stream()).map(Case::id)
                .toList();
        for (String pattern : Stream.concat(only.stream(), excluded.stream()).toList()) {
            if (known.stream().noneMatch(id -> ReportOptions.matches(pattern, id))) {
                return "no case " + pattern + " (server --list and client --list show them)";
            }
        }
        return null;
    }

    /**
     * The selection for one program's {@code catalogue}, or null when {@code --case} was given and names none of its
     * cases (the program is then not run).
     */
    Selection of(List<? extends Case<?>> catalogue) {
        List<String> known = catalogue.stream().map(Case::id).toList();
        List<String> selected = new ArrayList<>();
        for (String pattern : only) {
            known.stream().filter(id -> ReportOptions.matches(pattern, id) && !selected.contains(id))
                    .forEach(selected::add);
        }
        if (!only.isEmpty() && selected.isEmpty()) {
            return null;
        }
        Map<String, String> exclusions = new LinkedHashMap<>();
        for (int i = 0; i < excluded.size(); i++) {
            String pattern = excluded.get(i);
            String reason = reasons.get(i);
            known.stream().filter(id -> ReportOptions.matches(pattern, id))
                    .forEach(id -> exclusions.putIfAbsent(id, reason));
        }
        return new Selection(selected, exclusions, !slow, profile.equals("assignment"),
                only.stream().filter(known::contains).toList());
    }

    /** The same options, as the case runner takes them. */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("--profile", profile));
        only.forEach(p -> arguments.add("--case=" + p));
        for (int i = 0; i < excluded.size(); i++) {
            arguments.add("--exclude=" + excluded.get(i));
            arguments.add("--reason=" + reasons.get(i));
        }
        if (slow) {
            arguments.add("--slow");
        }
        return arguments;
    }
}
