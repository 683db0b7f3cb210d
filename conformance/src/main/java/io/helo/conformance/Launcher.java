package io.helo.conformance;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Starts a program under test; where, and in which sandbox, is decided by whoever made the launcher. */
@FunctionalInterface
public interface Launcher {
    /**
     * Starts {@code command} with {@code environment} added, its input from nothing, its output and error merged
     * into the returned process's input stream. Destroying the process ends the program and all it started.
     */
    Process start(List<String> command, Map<String, String> environment) throws IOException;
}
