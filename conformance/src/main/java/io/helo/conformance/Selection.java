package io.helo.conformance;

import java.util.List;
import java.util.Map;

/**
 * Which cases run: only those named (all when none is), minus the excluded ones (each with the reason recorded in
 * the report), minus the slow ones unless asked for; the assignment's own requirements only under its profile.
 */
public record Selection(List<String> only, Map<String, String> excluded, boolean skipSlow, boolean assignment,
        List<String> named) {
    /** Every case, the assignment's own requirements included. */
    public static Selection assignmentProfile() {
        return new Selection(List.of(), Map.of(), false, true);
    }

    /** A selection under PROTOCOL.md's profile. */
    public Selection(List<String> only, Map<String, String> excluded, boolean skipSlow) {
        this(only, excluded, skipSlow, false);
    }

    /** A selection where every case in {@code only} was named by its full ID. */
    public Selection(List<String> only, Map<String, String> excluded, boolean skipSlow, boolean assignment) {
        this(only, excluded, skipSlow, assignment, only);
    }

    /**
     * Copies the lists. {@code named}: the cases named by their full ID, which run even when slow (a pattern such as
     * {@code server/7/*} selects a slow case without running it).
     */
    public Selection {
        only = List.copyOf(only);
        excluded = Map.copyOf(excluded);
        named = List.copyOf(named);
    }

    /** True if the case is in the report at all (run, or skipped with a reason). */
    boolean listed(Case<?> c) {
        if (c.tags().contains(Case.ASSIGNMENT_PROFILE) && !assignment && !named.contains(c.id())) {
            return false;
        }
        return only.isEmpty() || only.contains(c.id());
    }

    /** Why the case is skipped, or null if it runs. */
    String skipReason(Case<?> c) {
        if (excluded.containsKey(c.id())) {
            return "excluded: " + excluded.get(c.id());
        }
        if (skipSlow && c.slow() && !named.contains(c.id())) {
            return "slow: waits for a timeout of the implementation; --slow runs it";
        }
        return null;
    }
}
