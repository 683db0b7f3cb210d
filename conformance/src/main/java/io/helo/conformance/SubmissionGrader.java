package io.helo.conformance;

import io.helo.conformance.ClientSession.Behaviour;
import io.helo.codec.HeloProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Grades one submission, as the batch's case runner does (in the submission's pod when sandboxed): copies its folder,
 * finds its layout, builds it, grades its server then its client, each program run in a sandbox of its own, all
 * within the time budget. Each run's output goes to a capped log in the submission's report folder.
 */
final class SubmissionGrader {
    /**
     * How submissions are graded.
     *
     * @param port the port the programs use
     * @param startLimit how long a server may take to listen, and a client in all
     * @param buildLimit how long the build may take
     * @param budget how long the whole grading may take
     * @param slow whether the slow server case runs
     * @param sandbox where the programs run
     */
    record Settings(int port, Duration startLimit, Duration buildLimit, Duration budget, boolean slow,
            Sandbox sandbox) {
    }

    private final String name;
    private final Settings settings;
    private final Path out;
    private final Budget budget;

    private SubmissionGrader(String name, Settings settings, Path out) {
        this.name = name;
        this.settings = settings;
        this.out = out;
        this.budget = Budget.of(settings.budget());
    }

    /** Grades the submission in {@code folder}, named {@code name}, its programs' output going to {@code out}. */
    static Graded grade(String name, Path folder, Path out, Settings settings) throws IOException {
        Path work = Files.createTempDirectory("helo-submission-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        try {
            return new SubmissionGrader(name, settings, out).grade(folder, work);
        } finally {
            WorkCopy.delete(work);
        }
    }

    private Graded grade(Path folder, Path work) throws IOException {
        Path copy = work.resolve("submission");
        try {
            WorkCopy.copy(folder, copy, settings.sandbox().limits().diskBytes());
        } catch (IOException e) {
            return Graded.notGradable(name, "its folder could not be copied: " + e.getMessage());
        }
        Layout layout;
        try {
            layout = Layout.find(copy);
        } catch (Layout.NotGradableException e) {
            return Graded.notGradable(name, e.getMessage());
        }
        Path programs = copy.resolve(layout.folder());
        String problem = layout.build() == null ? null : build(layout.build(), copy, programs, work);
        Report server = null;
        String serverProblem = layout.server() == null ? null : problem;
        if (layout.server() != null && problem == null) {
            try {
                server = server(layout.server(), settings.sandbox().launcher(copy, programs,
                        WorkCopy.folder(work.resolve("tmp-server"))));
            } catch (IOException e) {
                serverProblem = budget.spent() ? "not run: " + Budget.SPENT : "did not start: " + e.getMessage();
            }
        }
        Report client = null;
        String clientProblem = layout.client() == null ? null : problem;
        if (layout.client() != null && problem == null) {
            try {
                client = client(layout.client(), settings.sandbox().launcher(copy, programs,
                        WorkCopy.folder(work.resolve("tmp-client"))));
            } catch (IOException e) {
                clientProblem = e.getMessage();
            }
        }
        List<String> notes = new ArrayList<>();
        if (budget.spent()) {
            notes.add(Budget.SPENT + " (" + Show.duration(settings.budget()) + ")");
        }
        return new Graded(name, null, server, serverProblem, client, clientProblem, notes);
    }

    /** Runs the build; why it failed, or null if it succeeded. */
    private String build(String command, Path copy, Path programs, Path work) throws IOException {
        Launcher launcher = settings.sandbox().launcher(copy, programs, WorkCopy.folder(work.resolve("tmp-build")));
        Duration limit = budget.cap(settings.buildLimit());
        Process process = launcher.start(List.of("sh", "-c", command), Map.of());
        CapturedOutput output = CapturedOutput.drain(process.getInputStream(), out.resolve("build.log"),
                settings.sandbox().limits().outputBytes(), "build");
        try {
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            Processes.stop(process);
            output.awaitEnd(Duration.ofSeconds(5));
            if (!ended) {
                return "build did not end within " + Show.duration(limit);
            }
            List<String> lines = output.tail().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            // a compiler's last line is often context (a caret, a count): its last error says more
            String said = lines.stream().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("error"))
                    .reduce((a, b) -> b).orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
            return process.exitValue() == 0 ? null : "build failed with status " + process.exitValue()
                    + (said.isEmpty() ? "" : ": " + Show.text(said));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Processes.stop(process);
            throw new IOException("interrupted", e);
        }
    }

    private Report server(List<String> command, Launcher launcher) throws IOException {
        try (ServerUnderTest started = ServerUnderTest.start(launcher, command, "127.0.0.1", settings.port(),
                budget.cap(settings.startLimit()), out.resolve("server.log"),
                settings.sandbox().limits().outputBytes())) {
            ServerTarget target = new ServerTarget("127.0.0.1", settings.port(), Duration.ofSeconds(3),
                    Duration.ofMillis(500), ZoneId.systemDefault(), HeloProtocol.DEFAULT_IDLE_TIMEOUT,
                    HeloProtocol.DEFAULT_MAX_LINE_LENGTH, HeloProtocol.DEFAULT_MAX_ERRORS, command, false,
                    null, started::lastOutput);
            return Runner.run(name, "server", ServerCases.all(), target,
                    new Selection(List.of(), Map.of(), !settings.slow(), true),
                    c -> Duration.ofSeconds(c.slow() ? 320 : 14), r -> { }, (Runner.Liveness) started::goneWithin, budget);
        }
    }

    private Report client(List<String> command, Launcher launcher) throws IOException {
        if (budget.spent()) {
            throw new IOException("not run: " + Budget.SPENT);
        }
        return ClientCommand.grade(launcher, command, Map.of(), settings.port(), Behaviour.CORRECT,
                budget.cap(settings.startLimit()), Selection.assignmentProfile(), out.resolve("client.log"),
                settings.sandbox().limits().outputBytes());
    }
}
