package io.helo.conformance;

import io.helo.codec.HeloProtocol;
import java.nio.file.Path;
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
}
