package io.helo.conformance;

import picocli.CommandLine.Option;

/** The options of the sandbox the programs under test run in, and of its limits (see {@link Limits}). */
final class SandboxOptions {
    @Option(names = "--sandbox", paramLabel = "KIND", description = "bwrap: each program in a bubblewrap sandbox of its"
            + " own (own network, process and file system view, limits); none: a plain process, for platforms that"
            + " already isolate each submission (default: bwrap in batch, none in server and client).")
    String kind;
    @Option(names = "--memory", paramLabel = "MIB", description = "Data memory of one process of a program, in the"
            + " sandbox (default: ${DEFAULT-VALUE}).")
    int memoryMib = Limits.DEFAULTS.memoryMib();
    @Option(names = "--cpu", paramLabel = "SECONDS", description = "CPU time of one process, in the sandbox (default:"
            + " ${DEFAULT-VALUE}).")
    int cpuSeconds = Limits.DEFAULTS.cpuSeconds();
    @Option(names = "--processes", paramLabel = "N", description = "Processes and threads of a program at once, in"
            + " the sandbox (default: ${DEFAULT-VALUE}).")
    int processes = Limits.DEFAULTS.processes();
    @Option(names = "--file-size", paramLabel = "MIB", description = "Largest file a program writes, in the sandbox"
            + " (default: ${DEFAULT-VALUE}).")
    int fileSizeMib = Limits.DEFAULTS.fileSizeMib();
    @Option(names = "--open-files", paramLabel = "N", description = "Files and sockets one process has open at once, in"
            + " the sandbox (default: ${DEFAULT-VALUE}).")
    int openFiles = Limits.DEFAULTS.openFiles();
    @Option(names = "--disk", paramLabel = "MIB", description = "Room of a submission's copy and temporary folder"
            + " together, in the sandbox (default: ${DEFAULT-VALUE}).")
    int diskMib = Limits.DEFAULTS.diskMib();
    @Option(names = "--output-cap", paramLabel = "KIB", description = "Output kept of each program run; the rest is"
            + " counted and dropped (default: ${DEFAULT-VALUE}).")
    int outputKib = Limits.DEFAULTS.outputKib();

    /** The limits these options give. */
    Limits limits() {
        return new Limits(memoryMib, cpuSeconds, processes, fileSizeMib, openFiles, diskMib, outputKib);
    }

    /** The sandbox kind asked for, or {@code fallback} when none was; null if the option names no kind. */
    Sandbox.Kind kind(Sandbox.Kind fallback) {
        if (kind == null) {
            return fallback;
        }
        return switch (kind) {
            case "bwrap" -> Sandbox.Kind.BWRAP;
            case "none" -> Sandbox.Kind.NONE;
            default -> null;
        };
    }
}
