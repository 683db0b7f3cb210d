package io.helo.server;

import java.time.Duration;

/** Range checks for the configuration, with messages that name the option and the value rejected. */
final class Limits {
    private Limits() {
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static void count(String option, long value, long min, long max) {
        require(value >= min && value <= max, option + " must be between " + min + " and " + max + ": " + value);
    }

    static void duration(String option, Duration value, Duration min, Duration max) {
        require(value != null, option + " is missing");
        require(value.compareTo(min) >= 0 && value.compareTo(max) <= 0, option + " must be between "
                + describe(min) + " and " + describe(max) + ": " + describe(value));
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 || duration.getSeconds() > 1_000_000
                ? duration.getSeconds() + " s" : duration.toMillis() + " ms";
    }
}
