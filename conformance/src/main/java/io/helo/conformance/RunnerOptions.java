package io.helo.conformance;

import io.helo.codec.HeloProtocol;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options batch's runners ({@code grade-submission}, {@code grade-pairing}) share: logs, port, time limits. */
final class RunnerOptions {
    @Option(names = "--out", required = true)
    Path out;
    @Option(names = "--port")
    int port = HeloProtocol.DEFAULT_PORT;
    @Option(names = "--time-limit")
    int limitSeconds = 20;
    @Option(names = "--build-time-limit")
    int buildSeconds = 60;

    /** These options as a runner's command line takes them, for the batch that starts it. */
    static List<String> arguments(Path out, int port, int limitSeconds, int buildSeconds) {
        return List.of("--out=" + out, "--port", String.valueOf(port), "--time-limit", String.valueOf(limitSeconds),
                "--build-time-limit", String.valueOf(buildSeconds));
    }
}
