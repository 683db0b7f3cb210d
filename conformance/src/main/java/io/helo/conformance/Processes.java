package io.helo.conformance;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the checker does with the programs it starts: input from nowhere, and a stop by PID with their children. */
final class Processes {
    private Processes() {
    }

    /** The null device, for a program's standard input: it must need none. */
    static File nothing() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Stops {@code process} and what it started: SIGTERM, then SIGKILL after five seconds. */
    static void stop(Process process) {
        List<ProcessHandle> family = process.descendants().toList();
        process.destroy();
        family.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
