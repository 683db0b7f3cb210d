package io.helo.server.ops;

import io.helo.server.ServerCounters;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * One thing the server counts or gauges, as operators read it: its Prometheus name and kind, its JMX attribute, its
 * help, the label of its parts if it has some, and how to read it from {@link ServerCounters}. A row of {@link
 * Measures}.
 *
 * @param name the Prometheus name before its suffixes ({@code helo_received} is {@code helo_received_bytes_total})
 * @param kind how it moves, and whether it counts octets
 * @param label the label of its parts, e.g. {@code reason}; null for a single value
 * @param attribute the name of its JMX attribute, e.g. {@code BytesIn}
 * @param help one line for Prometheus' HELP and the JMX attribute's description
 * @param read reads it: an {@link Integer}, a {@link Long}, or a map from label value to count
 */
record Measure(String name, Kind kind, String label, String attribute, String help,
        Function<ServerCounters, Object> read) {

    /** How a measure moves (a counter only grows, a gauge is a level now), and whether it counts octets. */
    enum Kind {
        /** A number of things now, such as connections. */
        LEVEL(false, false),
        /** A number of octets now. */
        OCTETS_NOW(false, true),
        /** A count since start. */
        TOTAL(true, false),
        /** A count of octets since start. */
        OCTETS_TOTAL(true, true);

        private final boolean counter;
        private final boolean bytes;

        Kind(boolean counter, boolean bytes) {
            this.counter = counter;
            this.bytes = bytes;
        }

        /** True for a counter, which only grows; false for a gauge. */
        boolean counter() {
            return counter;
        }

        /** True if it counts octets, the unit Prometheus names it by. */
        boolean bytes() {
            return bytes;
        }
    }

    /** A number of things now, such as connections, read as an {@code int}. */
    static Measure level(String name, String attribute, String help, ToIntFunction<ServerCounters> read) {
        return new Measure(name, Kind.LEVEL, null, attribute, help, counters -> read.applyAsInt(counters));
    }

    /** A number of octets now. */
    static Measure octetsNow(String name, String attribute, String help, ToLongFunction<ServerCounters> read) {
        return new Measure(name, Kind.OCTETS_NOW, null, attribute, help, counters -> read.applyAsLong(counters));
    }

    /** A count since start. */
    static Measure total(String name, String attribute, String help, ToLongFunction<ServerCounters> read) {
        return new Measure(name, Kind.TOTAL, null, attribute, help, counters -> read.applyAsLong(counters));
    }

    /** A count of octets since start. */
    static Measure octetsTotal(String name, String attribute, String help, ToLongFunction<ServerCounters> read) {
        return new Measure(name, Kind.OCTETS_TOTAL, null, attribute, help, counters -> read.applyAsLong(counters));
    }

    /** Counts since start, one for each value of {@code label}. */
    static Measure totals(String name, String label, String attribute, String help,
            Function<ServerCounters, Map<String, Long>> read) {
        return new Measure(name, Kind.TOTAL, label, attribute, help, read::apply);
    }

    /** The value now, as a number: the sum of its parts if it has some. */
    long sum(ServerCounters counters) {
        Object value = read.apply(counters);
        if (value instanceof Map<?, ?> parts) {
            return parts.values().stream().mapToLong(part -> (Long) part).sum();
        }
        return ((Number) value).longValue();
    }
}
