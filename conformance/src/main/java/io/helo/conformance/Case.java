package io.helo.conformance;

import java.util.Objects;
import java.util.Set;

/**
 * One case of the catalogue: a stable ID, the PROTOCOL.md section it checks (or {@code assignment}), its level, the
 * requirement it quotes, its tags ({@code slow}, {@code ipv6}, {@code assignment}), and the check itself.
 */
public record Case<T>(String id, String section, Level level, String requirement, Set<String> tags, Check<T> check) {
    /** Tag of cases that wait for a timeout of the implementation (skipped with {@code --skip-slow}). */
    public static final String SLOW = "slow";
    /** Tag of the assignment's own requirements, checked only with {@code --profile assignment}. */
    public static final String ASSIGNMENT_PROFILE = "profile-assignment";

    /** The check a case runs against an implementation reached through {@code T}. */
    @FunctionalInterface
    public interface Check<T> {
        /** Runs the check; an exception is a finding too (the runner reports it as not met). */
        Verdict run(T target) throws Exception;
    }

    /** Requires every field. */
    public Case {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(requirement, "requirement");
        tags = Set.copyOf(tags);
        Objects.requireNonNull(check, "check");
    }

    /** True if the case waits for one of the implementation's timeouts. */
    public boolean slow() {
        return tags.contains(SLOW);
    }
}
