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
     * @param cases which cases run
     * @param sandbox where the programs run
     */
    record Settings(int port, Duration startLimit, Duration buildLimit, Duration budget, BatchSelection cases,
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
        Selection serverCases = settings.cases().of(ServerCases.all());
        Selection clientCases = settings.cases().of(ClientCases.all());
        if (layout.server() != null && problem == null && serverCases == null) {
            server = nothingSelected("server");
        } else if (layout.server() != null && problem == null) {
            try {
                server = server(layout.server(), settings.sandbox().launcher(copy, programs,
                        WorkCopy.folder(work.resolve("tmp-server"))), serverCases);
            } catch (IOException e) {
                serverProblem = budget.spent() ? "not run: " + Budget.SPENT : "did not start: " + e.getMessage();
            }
        }
        Report client = null;
        String clientProblem = layout.client() == null ? null : problem;
        if (layout.client() != null && problem == null && clientCases == null) {
            client = nothingSelected("client");
        } else if (layout.client() != null && problem == null) {
            try {
                client = client(layout.client(), copy, programs, work, clientCases);
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
        return build(launcher, command, budget.cap(settings.buildLimit()), out.resolve("build.log"),
                settings.sandbox().limits().outputBytes());
    }

    /**
     * Runs {@code command} with {@code sh -c} from {@code launcher} within {@code limit}, its output (up to {@code cap}
     * octets) in {@code log}; why it failed (its last error line), or null if it succeeded.
     */
    static String build(Launcher launcher, String command, Duration limit, Path log, long cap) throws IOException {
        Process process = launcher.start(List.of("sh", "-c", command), Map.of());
        CapturedOutput output = CapturedOutput.drain(process.getInputStream(), log, cap, "build");
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

    /** The report of a program none of whose cases --case named: not run. */
    private static Report nothingSelected(String mode) {
        return new Report("not run: --case names none of its cases", mode, java.time.Instant.now(), 0, List.of());
    }

    private Report server(List<String> command, Launcher launcher, Selection selection) throws IOException {
        try (ServerUnderTest started = ServerUnderTest.start(launcher, command, "127.0.0.1", settings.port(),
                budget.cap(settings.startLimit()), out.resolve("server.log"),
                settings.sandbox().limits().outputBytes())) {
            ServerTarget target = new ServerTarget("127.0.0.1", settings.port(), Duration.ofSeconds(3),
                    Duration.ofMillis(500), ZoneId.systemDefault(), HeloProtocol.DEFAULT_IDLE_TIMEOUT,
                    HeloProtocol.DEFAULT_MAX_LINE_LENGTH, HeloProtocol.DEFAULT_MAX_ERRORS, command, false,
                    null, started::lastOutput);
            return Runner.run(name, "server", ServerCases.all(), target,
                    selection,
                    c -> Duration.ofSeconds(c.slow() ? 320 : 14), r -> { }, (Runner.Liveness) started::goneWithin, budget);
        }
    }

    /**
     * Runs the client against the played server as each selected client case needs it: a correct server for most,
     * then once more for each robustness behaviour ({@code ERR busy}, replies without line ends) whose cases are
     * selected, each run with a log of its own and within what is left of the budget; each case's result is taken from
     * the run it needs.
     */
    private Report client(List<String> command, Path copy, Path programs, Path work, Selection selection)
            throws IOException {
        Report correct = client(command, settings.sandbox().launcher(copy, programs,
                WorkCopy.folder(work.resolve("tmp-client"))), Behaviour.CORRECT, selection, "client.log");
        List<CaseResult> results = new ArrayList<>(correct.results());
        long millis = correct.millis();
        for (Behaviour behaviour : List.of(Behaviour.BUSY, Behaviour.NO_LINE_ENDS)) {
            String tag = "behave-" + ClientCommand.Names.name(behaviour);
            List<Integer> needing = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                CaseResult r = results.get(i);
                if (r.testCase().tags().contains(tag) && selection.skipReason(r.testCase()) == null) {
                    needing.add(i);
                }
            }
            if (needing.isEmpty()) {
                continue;
            }
            Report run;
            try {
                run = client(command, settings.sandbox().launcher(copy, programs, WorkCopy.folder(work.resolve(
                        "tmp-client-" + ClientCommand.Names.name(behaviour)))), behaviour, selection, "client-"
                        + ClientCommand.Names.name(behaviour) + ".log");
            } catch (IOException e) {
                String why = "not run with the played server's --behave " + ClientCommand.Names.name(behaviour) + ": "
                        + e.getMessage();
                for (int i : needing) {
                    CaseResult r = results.get(i);
                    results.set(i, new CaseResult(r.testCase(), r.level() == Level.MUST ? Outcome.FAIL : Outcome.WARN,
                            why, 0, List.of(), r.level(), r.beyond()));
                }
                continue;
            }
            millis += run.millis();
            for (int i : needing) {
                String id = results.get(i).testCase().id();
                for (CaseResult r : run.results()) {
                    if (r.testCase().id().equals(id)) {
                        results.set(i, r);
                    }
                }
            }
        }
        return new Report(correct.target(), correct.mode(), correct.started(), millis, results);
    }

    private Report client(List<String> command, Launcher launcher, Behaviour behaviour, Selection selection,
            String log) throws IOException {
        if (budget.spent()) {
            throw new IOException("not run: " + Budget.SPENT);
        }
        return ClientCommand.grade(launcher, command, Map.of(), settings.port(), behaviour,
                budget.cap(settings.startLimit()), selection, out.resolve(log),
                settings.sandbox().limits().outputBytes());
    }
}
