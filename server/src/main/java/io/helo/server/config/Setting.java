package io.helo.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One option of the server, declared once, as a row of its group's table: its command line name, the label of its
 * value, its default, its range and its help, and how the command line's text becomes its value. The
 * configuration's validation, the command line and the README's check all read the row.
 *
 * @param <T> the type of its value
 */
public final class Setting<T> {
    private final String name;
    private final String shortName;
    private final String label;
    private final Syntax<T> syntax;
    private final T defaultValue;
    private final String defaultText;
    private final Range<T> range;
    private final Predicate<T> meansDefault;
    private final String help;

    private Setting(Builder<T> row) {
        this.name = row.name;
        this.shortName = row.shortName;
        this.label = row.label;
        this.syntax = row.syntax;
        this.defaultValue = row.defaultValue;
        this.defaultText = row.defaultText != null ? row.defaultText
                : defaultValue == null ? "off" : "`" + syntax.show(defaultValue) + "`";
        this.range = row.range;
        this.meansDefault = row.meansDefault;
        this.help = row.help;
    }

    /** A row of a group's table, written field by field; {@link #build()} makes the setting. */
    static <T> Builder<T> row(String name, Syntax<T> syntax) {
        return new Builder<>(name, syntax);
    }

    /**
     * The long option name, e.g. {@code --max-connections}: what error messages name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Every name of the option, the short one (such as {@code -p}) first.
     *
     * @return the names
     */
    public List<String> names() {
        return shortName == null ? List.of(name) : List.of(shortName, name);
    }

    /**
     * What the help calls the option's value, e.g. {@code SECONDS}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The option's help, one sentence or two.
     *
     * @return the help text
     */
    public String help() {
        return help;
    }

    /**
     * The value the server uses when none is given; null for an option that is off unless given.
     *
     * @return the default
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * The default as the README's table gives it, e.g. {@code `300`} or {@code a quarter of the heap}.
     *
     * @return the default's text
     */
    public String defaultText() {
        return defaultText;
    }

    /**
     * How the option is written on the command line.
     *
     * @return its syntax
     */
    public Syntax<T> syntax() {
        return syntax;
    }

    /**
     * Checks {@code value} against the option's range.
     *
     * @param value the value, null for an option that is off
     * @return the value
     * @throws IllegalArgumentException naming the option and the value if it is out of range
     */
    public T check(T value) {
        if (value == null) {
            if (defaultValue != null) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return null;
        }
        if (range != null) {
            range.check(name, value);
        }
        return value;
    }

    /**
     * The value the command line gave, as parsed by its {@link #syntax()}, made into this option's value.
     *
     * @param parsed what the command line's parser made of the text, null if the option was not given
     * @return the value
     * @throws IllegalArgumentException if the text names nothing the option can take (a host that is unknown)
     */
    public T fromCommandLine(Object parsed) {
        T value = parsed == null ? null : syntax.read(parsed);
        return value == null || meansDefault != null && meansDefault.test(value) ? defaultValue : value;
    }

    @Override
    public String toString() {
        return name;
    }

    /** A range a value must lie in; its message names the option. */
    @FunctionalInterface
    interface Range<T> {
        /** Throws {@link IllegalArgumentException} if {@code value} is out of range. */
        void check(String option, T value);

        /** From {@code min} to {@code max}, both included. */
        static <N extends Number> Range<N> between(long min, long max) {
            return (option, value) -> {
                if (value.longValue() < min || value.longValue() > max) {
                    throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ": "
                            + value);
                }
            };
        }

        /** From {@code min} to {@code max}, both included; the message gives seconds, or milliseconds if finer. */
        static Range<Duration> between(Duration min, Duration max) {
            return (option, value) -> {
                if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                    throw new IllegalArgumentException(option + " must be between " + describe(min) + " and "
                            + describe(max) + ": " + describe(value));
                }
            };
        }

        private static String describe(Duration duration) {
            return duration.toMillis() % 1000 == 0 || duration.getSeconds() > 1_000_000
                    ? duration.getSeconds() + " s" : duration.toMillis() + " ms";
        }
    }

    /** The fields of a row, filled in one by one. */
    static final class Builder<T> {
        private final String name;
        private final Syntax<T> syntax;
        private String shortName;
        private String label;
        private T defaultValue;
        private String defaultText;
        private Range<T> range;
        private Predicate<T> meansDefault;
        private String help;

        private Builder(String name, Syntax<T> syntax) {
            this.name = name;
            this.syntax = syntax;
            this.label = syntax.label();
        }

        Builder<T> shortName(String value) {
            shortName = value;
            return this;
        }

        Builder<T> label(String value) {
            label = value;
            return this;
        }

        Builder<T> defaultValue(T value) {
            defaultValue = value;
            return this;
        }

        /** The default as the README says it, where its value is not the whole story. */
        Builder<T> defaultText(String value) {
            defaultText = value;
            return this;
        }

        Builder<T> range(Range<T> value) {
            range = value;
            return this;
        }

        /** Command line values that ask for the default, such as 0 for a number the server works out. */
        Builder<T> meaningDefault(Predicate<T> value) {
            meansDefault = value;
            return this;
        }

        Builder<T> help(String value) {
            help = value;
            return this;
        }

        Setting<T> build() {
            Objects.requireNonNull(help, "help");
            Setting<T> setting = new Setting<>(this);
            setting.check(defaultValue);
            return setting;
        }
    }
}
