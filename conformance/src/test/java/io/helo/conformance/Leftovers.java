package io.helo.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of this machine, as a test looks for what a batch left running: by a word on their command line or
 * in their name, which only the programs of that test's run carry (other builds may be grading at the same time).
 */
final class Leftovers {
    private Leftovers() {
    }

    /** The processes (PID and command line) whose command line or name holds {@code word}. */
    static List<String> carrying(String word) {
        List<String> left = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path process : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                String command = read(process.resolve("cmdline")).replace('\0', ' ');
                if (command.contains(word) || read(process.resolve("comm")).contains(word)) {
                    left.add(process.getFileName() + ": " + command);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return left;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return ""; // ended meanwhile
        }
    }
}
