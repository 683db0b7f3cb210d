package io.helo.server;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Totals since the server started, updated without contention from every I/O thread. */
final class ServerStats {
    /** Why a connection was refused before it was served. */
    enum Refusal {
        TOO_MANY_CONNECTIONS, TOO_MANY_FROM_ADDRESS, SHUTTING_DOWN, BAD_PROXY_HEADER
    }

    private final LongAdder connections = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Map<Command, LongAdder> byCommand = new EnumMap<>(Command.class);
    private final LongAdder invalidLines = new LongAdder();
    private final Map<ErrorReason, LongAdder> errors = new EnumMap<>(ErrorReason.class);
    private final Map<Refusal, LongAdder> refusals = new ConcurrentHashMap<>();

    ServerStats() {
        for (Command command : Command.values()) {
            byCommand.put(command, new LongAdder());
        }
        for (ErrorReason reason : ErrorReason.values()) {
            errors.put(reason, new LongAdder());
        }
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, new LongAdder());
        }
    }

    void connectionAccepted() {
        connections.increment();
    }

    void connectionRefused(Refusal why) {
        refusals.get(why).increment();
    }

    /** Counts one answered line: {@code command} is null for a line that was not a valid request. */
    void lineAnswered(Command command) {
        requests.increment();
        (command == null ? invalidLines : byCommand.get(command)).increment();
    }

    void errorReplied(String reasonToken) {
        for (ErrorReason reason : ErrorReason.values()) {
            if (reason.token().equals(reasonToken)) {
                errors.get(reason).increment();
                return;
            }
        }
    }

    /** Connections served since start, refused ones not included. */
    long connections() {
        return connections.sum();
    }

    /** Request lines answered, valid or not. */
    long requests() {
        return requests.sum();
    }

    /** Valid requests answered, by command, plus {@code invalid} for lines that were not. */
    Map<String, Long> requestsByCommand() {
        Map<String, Long> counts = new LinkedHashMap<>();
        byCommand.forEach((command, count) -> counts.put(command.name(), count.sum()));
        counts.put("invalid", invalidLines.sum());
        return counts;
    }

    /** Error replies sent, by reason token. */
    Map<String, Long> errorsByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        errors.forEach((reason, count) -> counts.put(reason.token(), count.sum()));
        return counts;
    }

    /** Connections refused, by reason. */
    Map<String, Long> refusedByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Refusal refusal : Refusal.values()) {
            counts.put(refusal.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), refusals.get(refusal).sum());
        }
        return counts;
    }

    static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
