package io.helo.conformance;

import java.util.Map;

/**
 * What {@code --profile assignment} grades: the cases that check what the assignment itself asks (its commands and
 * their formats, BYE closing, port 8008, no arguments, a non-interactive client that runs every command and says
 * {@code HELO <its hostname>}, informational messages), each at the assignment's level. Every other case is
 * PROTOCOL.md's addition: run and reported "beyond the assignment", without changing the verdict.
 */
final class AssignmentProfile {
    private static final Map<String, Level> LEVELS = Map.ofEntries(
            // "Client: HELO mycomputer / Server: Hello mycomputer, pleased to meet you."
            Map.entry("server/5.1/greeting", Level.MUST),
            Map.entry("server/5.1/greeting-verbatim", Level.MUST),
            // "The server MUST respond in ISO8601 format hh:mm:ss" with "the server's current time"
            Map.entry("server/5.2/time-format", Level.MUST),
            Map.entry("server/5.2/time-now", Level.MUST),
            Map.entry("server/5.2/time-advances", Level.MUST),
            // "The server MUST respond in ISO8601 format YYYY-MM-DD" with "the server's current date"
            Map.entry("server/5.3/date-format", Level.MUST),
            Map.entry("server/5.3/date-today", Level.MUST),
            // "the server echo back a text string"
            Map.entry("server/5.4/echo", Level.MUST),
            Map.entry("server/5.4/echo-verbatim", Level.MUST),
            // "the server print the client's IP address"
            Map.entry("server/5.5/reqip", Level.MUST),
            // "The server MUST respond and immediately close the connection."
            Map.entry("server/5.6/goodbye", Level.MUST),
            Map.entry("server/4/bye-closes", Level.MUST),
            Map.entry("server/assignment/port-8008", Level.MUST),
            Map.entry("server/assignment/no-arguments", Level.MUST),
            Map.entry("server/assignment/informational-messages", Level.MUST),
            Map.entry("client/assignment/connects", Level.MUST),
            Map.entry("client/assignment/finishes", Level.MUST),
            Map.entry("client/assignment/exit-status", Level.MUST),
            Map.entry("client/assignment/every-command", Level.MUST),
            Map.entry("client/assignment/port-8008", Level.MUST),
            Map.entry("client/assignment/informational-messages", Level.MUST),
            // "Upon successful connection, a client MUST say hello. The client MUST send the string
            // "HELO <hostname>" where <hostname> is the client's hostname."
            Map.entry("client/4/helo-first", Level.MUST),
            Map.entry("client/5.1/hostname", Level.MUST),
            // the commands as the assignment spells them
            Map.entry("client/3/request-form", Level.MUST));

    private AssignmentProfile() {
    }

    /** The level of case {@code c} under the assignment profile, or null if it is beyond the assignment. */
    static Level level(Case<?> c) {
        return LEVELS.get(c.id());
    }
}
