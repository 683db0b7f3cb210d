package io.helo.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * What a program under test may use in its sandbox: data memory and CPU seconds per process, processes and threads
 * at once, the size of a file it writes, the room of its writable folders together, and how much of its output the
 * checker keeps. The first four are resource limits (prlimit) set inside the sandbox, the room is the size of the
 * sandbox's memory-backed file system, the output cap is the checker's.
 *
 * @param memoryMib data memory of one process (RLIMIT_DATA), MiB
 * @param cpuSeconds CPU time of one process (RLIMIT_CPU), seconds
 * @param processes processes and threads at once (RLIMIT_NPROC, counted per sandbox)
 * @param fileSizeMib size of one file written (RLIMIT_FSIZE), MiB
 * @param openFiles files and sockets open at once in one process (RLIMIT_NOFILE)
 * @param diskMib room of the submission's copy and temporary folder together, MiB
 * @param outputKib output kept per program run, KiB: the rest is counted and dropped
 */
public record Limits(int memoryMib, int cpuSeconds, int processes, int fileSizeMib, int openFiles, int diskMib,
        int outputKib) {
    /** The defaults: room for a JVM submission (a JVM sizes its first heap from the machine's memory). */
    public static final Limits DEFAULTS = new Limits(2048, 60, 256, 64, 1024, 512, 1024);

    /** Each limit's option, with its range, for validation and help. */
    private static final List<Range> RANGES = List.of(new Range("--memory", 64, 1 << 20), new Range("--cpu", 1, 86_400),
            new Range("--processes", 16, 1 << 16), new Range("--file-size", 1, 1 << 20),
            new Range("--open-files", 64, 1 << 20), new Range("--disk", 16, 1 << 20), new Range("--output-cap", 1, 1 << 20));

    private record Range(String option, int min, int max) {
    }

    /**
     * These limits as the options that set them, for a runner process: {@code --memory 2048 --cpu 60 ...}.
     *
     * @return option and value, one after the other, in the order of the record's components
     */
    public List<String> arguments() {
        List<Integer> values = values();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < RANGES.size(); i++) {
            arguments.add(RANGES.get(i).option());
            arguments.add(String.valueOf(values.get(i)));
        }
        return arguments;
    }

    private List<Integer> values() {
        return List.of(memoryMib, cpuSeconds, processes, fileSizeMib, openFiles, diskMib, outputKib);
    }

    /** What is wrong with these limits (an option out of its range), or null if nothing is. */
    public String problem() {
        List<Integer> values = values();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < RANGES.size(); i++) {
            Range range = RANGES.get(i);
            int value = values.get(i);
            if (value < range.min() || value > range.max()) {
                problems.add(range.option() + " must be between " + range.min() + " and " + range.max() + ": " + value);
            }
        }
        return problems.isEmpty() ? null : problems.get(0);
    }

    /** The output kept per program run, in octets. */
    public long outputBytes() {
        return outputKib * 1024L;
    }

    /** The room of the writable folders, in octets. */
    public long diskBytes() {
        return diskMib * 1024L * 1024L;
    }

    /** The resource limits as {@code prlimit} options, soft and hard alike (a program cannot raise them). */
    List<String> prlimitOptions() {
        long mib = 1024L * 1024L;
        return List.of("--data=" + memoryMib * mib, "--cpu=" + cpuSeconds, "--nproc=" + processes,
                "--fsize=" + fileSizeMib * mib, "--nofile=" + openFiles, "--core=0");
    }
}
