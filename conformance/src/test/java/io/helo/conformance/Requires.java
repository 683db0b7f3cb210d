package io.helo.conformance;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** What some tests need of the machine: skipped with the reason when it is missing, except under CI, where it fails. */
final class Requires {
    private Requires() {
    }

    /** Bubblewrap, able to make the checker's pods and sandboxes here. */
    static void sandboxes() {
        String why = Pod.unavailable(Limits.DEFAULTS);
        if (why != null) {
            missing("bubblewrap cannot make sandboxes here (" + why + "): apt-get install -y bubblewrap");
        }
    }

    /** {@code program} on the PATH, from the Debian package {@code pkg}. */
    static void program(String program, String pkg) {
        try {
            Process probe = new ProcessBuilder("sh", "-c", "command -v " + program).redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        missing(program + " is not installed: apt-get install -y " + pkg);
    }

    private static void missing(String why) {
        if (System.getenv("CI") != null) {
            throw new AssertionError(why + " (required under CI, see .ci/run)");
        }
        Assumptions.abort(why + ": skipping this test");
    }
}
