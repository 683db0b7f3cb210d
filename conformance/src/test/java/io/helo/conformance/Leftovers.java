package io.helo.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The processes of this machine, as a test looks for what a batch left running: by PID namespace, by command line. */
final class Leftovers {
    private Leftovers() {
    }

    /** The PID namespaces processes are in now. */
    static Set<String> pidNamespaces() {
        Set<String> namespaces = new TreeSet<>();
        for (Path process : processes()) {
            String namespace = namespace(process);
            if (namespace != null) {
                namespaces.add(namespace);
            }
        }
        return namespaces;
    }

    /** The processes (PID and command line) in a PID namespace not in {@code before}, or whose command line holds {@code word}. */
    static List<String> since(Set<String> before, String word) {
        List<String> left = new ArrayList<>();
        for (Path process : processes()) {
            String namespace = namespace(process);
            String command = commandLine(process);
            if ((namespace != null && !before.contains(namespace)) || command.contains(word)) {
                left.add(process.getFileName() + ": " + command);
            }
        }
        return left;
    }

    private static List<Path> processes() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static String namespace(Path process) {
        try {
            return Files.readSymbolicLink(process.resolve("ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException gone) {
            return null; // ended meanwhile, or not ours to read
        }
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}
