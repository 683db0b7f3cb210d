package io.helo.conformance;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One case of the catalogue: a stable ID, the PROTOCOL.md section it checks (or {@code assignment}), its level, the
 * requirement it quotes, a one-line hint at the common mistake behind a failure (or empty), its tags ({@code slow},
 * {@code ipv6}, {@code profile-assignment} ...), and the check itself.
 */
public record Case<T>(String id, String section, Level level, String requirement, String hint, Set<String> tags,
        Check<T> check) {
    /** Tag of cases that wait for a timeout of the implementation (run only with {@code --slow}). */
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
        Objects.requireNonNull(hint, "hint");
        tags = Set.copyOf(tags);
        Objects.requireNonNull(check, "check");
    }

    /** A case without a hint. */
    public Case(String id, String section, Level level, String requirement, Set<String> tags, Check<T> check) {
        this(id, section, level, requirement, "", tags, check);
    }

    /** True if the case waits for one of the implementation's timeouts. */
    public boolean slow() {
        return tags.contains(SLOW);
    }

    /** A case declared field by field, in the catalogue's files: {@code mode/section/name} is its ID. */
    public static final class Builder<T> {
        private final String mode;
        private final String section;
        private final String name;
        private Level level;
        private String requirement;
        private String hint;
        private final Set<String> tags = new LinkedHashSet<>();
        private Check<T> check;

        Builder(String mode, String section, String name) {
            this.mode = mode;
            this.section = section;
            this.name = name;
        }

        /** The RFC 2119 level of the requirement. */
        public Builder<T> level(Level value) {
            level = value;
            return this;
        }

        /** The requirement, quoted from PROTOCOL.md (or the assignment). */
        public Builder<T> requirement(String value) {
            requirement = value;
            return this;
        }

        /** One line on the common mistake a failure points at (by default, the one {@link Hints} has for the ID). */
        public Builder<T> hint(String value) {
            hint = value;
            return this;
        }

        /** Tags, such as {@link Case#SLOW}. */
        public Builder<T> tags(String... values) {
            tags.addAll(List.of(values));
            return this;
        }

        /** The check. */
        public Builder<T> check(Check<T> value) {
            check = value;
            return this;
        }

        /** The case. */
        public Case<T> build() {
            String id = mode + "/" + section + "/" + name;
            return new Case<>(id, section, level, requirement, hint != null ? hint : Hints.of(id), tags, check);
        }
    }
}
