package io.helo.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helo.codec.HeloProtocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code batch DIR}: grades every submission in a folder, each in a sandbox of its own, several at once, and writes
 * the matrix of submissions and cases an instructor wants. Each submission is graded by a case runner of its own (the
 * checker again, in the submission's {@link Pod}), which sends back its {@link Graded} as JSON.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Grades every submission in DIR: each subfolder NAME (or a single folder inside it) with a"
                + " helo.toml saying how to build and run its programs, or server.py and/or client.py (run with"
                + " python3), server.jar and/or client.jar (java -jar), server.js and/or client.js (node). Each is"
                + " copied into a sandbox of its own (its own network with port PORT free, its own processes, a"
                + " read-only system, limits), built, and run with its input closed and HELO_PORT set, under the"
                + " assignment profile: servers get the server cases (slow ones skipped unless --slow), clients the"
                + " client cases.",
                "Each client also runs against a busy server and one without line ends, for the cases that need"
                + " them. Writes a line per submission; a folder per submission, OUT/NAME/ (its reports as JSON and"
                + " HTML, its programs' output; NAME made safe); the matrix (submissions x cases) as OUT/index.html,"
                + " --csv and --html; and --junit."})
final class BatchCommand implements Callable<Integer> {
    /** What the case runner may take beyond the budget (its JVM's start, the copy, the report) before it is killed. */
    private static final int GRACE_SECONDS = 30;
    private static final int MAX_RESULT = 16 << 20;

    @Spec
    CommandSpec spec;
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "The port the submissions use"
            + " (default: ${DEFAULT-VALUE}, the assignment's).")
    int port = HeloProtocol.DEFAULT_PORT;
    @Option(names = "--slow", description = "Also run the cases that wait for a server's idle timeout.")
    boolean slow;
    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "How long a client may take, and a server"
            + " to start listening (default: ${DEFAULT-VALUE}).")
    int limitSeconds = 20;
    @Option(names = "--build-time-limit", paramLabel = "SECONDS", description = "How long a submission's build (its"
            + " helo.toml's build) may take (default: ${DEFAULT-VALUE}).")
    int buildSeconds = 60;
    @Option(names = "--time-budget", paramLabel = "SECONDS", description = "How long the grading of one submission may"
            + " take in all, build included; what is left then is not run (default: ${DEFAULT-VALUE}).")
    int budgetSeconds = 120;
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Submissions graded at once (default: the"
            + " number of cores; 1 with --sandbox none, where they share the port).")
    Integer jobs;
    @Option(names = "--out", paramLabel = "OUT", description = "Where each submission's logs go, OUT/NAME/ (default:"
            + " ${DEFAULT-VALUE}).")
    Path out = Path.of("helo-batch");
    @Option(names = "--keep-output", paramLabel = "WHICH", description = "all: keep every submission's logs; failed:"
            + " only those of submissions that did not conform (default: ${DEFAULT-VALUE}).")
    String keep = "all";
    @Option(names = "--csv", paramLabel = "FILE", description = "Write the matrix as CSV.")
    Path csv;
    @Option(names = "--html", paramLabel = "FILE", description = "Write the matrix as one HTML page.")
    Path html;
    @Option(names = "--rubric", paramLabel = "FILE", description = "Score the submissions with this rubric (TOML;"
            + " default: the one for the assignment shipped in the checker).")
    Path rubricFile;
    @Option(names = "--gradebook", paramLabel = "FILE", description = "Write the gradebook as CSV: submission, score,"
            + " maximum, verdict.")
    Path gradebook;
    @Option(names = "--gradescope-dir", paramLabel = "DIR", description = "Write Gradescope's results.json of each"
            + " submission to DIR/NAME.json.")
    Path gradescopeDir;
    @Option(names = "--prairielearn-dir", paramLabel = "DIR", description = "Write PrairieLearn's results.json of each"
            + " submission to DIR/NAME.json.")
    Path prairielearnDir;
    @Option(names = "--junit", paramLabel = "FILE", description = "Write every submission's results as JUnit XML, one"
            + " testsuite per submission.")
    Path junit;
    @Option(names = "--case", paramLabel = "ID", description = "Grade only this case (repeatable): an ID, a prefix"
            + " (server/5.1, client/6) or a glob (server/6/*, *utf8*), as server and client take it.")
    List<String> only = new ArrayList<>();
    @Option(names = "--exclude", paramLabel = "ID", description = "Skip this case (repeatable, as --case; each needs a"
            + " --reason, recorded in every report).")
    List<String> excluded = new ArrayList<>();
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the --exclude at the same position is excluded.")
    List<String> reasons = new ArrayList<>();
    @Option(names = "--profile", paramLabel = "NAME", description = "assignment (the default, unless the rubric"
            + " names a profile: the assignment's own requirements decide the verdict, PROTOCOL.md's others are"
            + " reported beyond it) or protocol.")
    String profile; // null: the rubric's, else the assignment's
    @Option(names = "--interop", description = "Also run every submitted client against every submitted server, and"
            + " each against the reference programs, each pairing in a pod of its own: OUT/interop/index.html (servers"
            + " x clients), OUT/interop/interop.csv, a folder per pairing. Needs --sandbox bwrap.")
    boolean interop;
    @Option(names = "--interop-time-limit", paramLabel = "SECONDS", description = "How long one pairing may take in"
            + " all, builds included (default: ${DEFAULT-VALUE}).")
    int pairingSeconds = 60;
    @Option(names = "--reference-server", paramLabel = "JAR", description = "The reference server for --interop"
            + " (default: server.jar beside the checker's jar, or in the build tree's server/target/).")
    Path referenceServer;
    @Option(names = "--reference-client", paramLabel = "JAR", description = "The reference client for --interop"
            + " (default: client.jar, found as the server is).")
    Path referenceClient;
    @Mixin
    SandboxOptions sandboxOptions;
    @Parameters(paramLabel = "DIR", description = "The folder of submissions.")
    Path folder;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String invalid = invalid();
        if (invalid != null) {
            err.println(ConformanceMain.name() + ": " + invalid);
            return ConformanceMain.UNUSABLE;
        }
        Gradebook grades;
        try {
            Rubric rubric = rubricFile == null ? Rubric.standard() : Rubric.read(rubricFile);
            if (profile != null && rubric.profile() != null && !profile.equals(rubric.profile())) {
                throw new Rubric.InvalidRubricException(rubric.name() + " grades under the " + rubric.profile()
                        + " profile, and --profile says " + profile);
            }
            profile = profile != null ? profile : rubric.profile();
            grades = new Gradebook(rubric, cases());
        } catch (Rubric.InvalidRubricException e) {
            err.println(ConformanceMain.name() + ": --rubric: " + e.getMessage());
            return ConformanceMain.UNUSABLE;
        }
        Sandbox.Kind kind = sandboxOptions.kind(Sandbox.Kind.BWRAP);
        Limits limits = sandboxOptions.limits();
        if (kind == Sandbox.Kind.BWRAP) {
            String why = Pod.unavailable(limits);
            if (why != null) {
                err.println(ConformanceMain.name() + ": cannot sandbox the submissions: " + why + "; install bubblewrap 0.7 or newer"
                        + " (Debian: apt-get install bubblewrap) where user namespaces are allowed, or, where each"
                        + " submission is already isolated (a container per submission), use --sandbox none");
                return ConformanceMain.UNUSABLE;
            }
        }
        List<Path> submissions;
        try (Stream<Path> entries = Files.list(folder)) {
            submissions = entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        Files.createDirectories(out);
        Map<String, String> folders = SubmissionFolders.names(submissions.stream().map(s -> s.getFileName().toString())
                .toList());
        int parallel = kind == Sandbox.Kind.NONE ? 1 : jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        BatchProgress progress = new BatchProgress(err, System.console() != null, submissions.size());
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, submissions.size())));
        List<Graded> rows = new ArrayList<>();
        java.util.Map<String, Long> millis = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            List<Future<Graded>> grading = new ArrayList<>();
            for (Path submission : submissions) {
                grading.add(workers.submit(() -> {
                    long start = System.nanoTime();
                    Graded graded;
                    try {
                        graded = gradeOne(submission, folders.get(submission.getFileName().toString()), kind,
                                limits);
                    } catch (IOException e) {
                        graded = Graded.notGradable(submission.getFileName().toString(), "the checker could not"
                                + " grade it: " + e.getMessage());
                    }
                    progress.graded(graded, (System.nanoTime() - start) / 1_000_000);
                    millis.put(graded.name(), (System.nanoTime() - start) / 1_000_000);
                    return graded;
                }));
            }
            for (Future<Graded> graded : grading) {
                Graded row = result(graded);
                rows.add(row);
                stdout.println(row.summary());
                stdout.println(grades.line(row));
                stdout.flush();
            }
        } finally {
            workers.shutdownNow();
        }
        Matrix matrix = new Matrix(rows);
        if (csv != null) {
            AtomicFiles.write(csv, matrix.csv());
        }
        if (html != null) {
            AtomicFiles.write(html, matrix.html(Matrix.links(rows, folders, out, html)));
        }
        AtomicFiles.write(out.resolve("index.html"), matrix.html(Matrix.links(rows, folders, out,
                out.resolve("index.html"))));
        if (junit != null) {
            BatchJunit.write(rows, grades, junit);
        }
        grades.write(rows, millis, gradebook, gradescopeDir, prairielearnDir);
        if (interop) {
            interop(rows, submissions, folders, limits, parallel, stdout, err);
        }
        return rows.stream().anyMatch(Graded::failed) ? ConformanceMain.DOES_NOT_CONFORM : ConformanceMain.CONFORMS;
    }

    private String invalid() {
        Sandbox.Kind kind = sandboxOptions.kind(Sandbox.Kind.BWRAP);
        if (!Files.isDirectory(folder)) {
            return folder + " is not a folder of submissions";
        }
        Path submissions = folder.toAbsolutePath().normalize();
        Path logs = out.toAbsolutePath().normalize();
        return kind == null ? "--sandbox must be bwrap or none: " + sandboxOptions.kind
                : port < 1 || port > 65_535 ? "--port must be between 1 and 65535: " + port
                : limitSeconds < 1 || limitSeconds > 3600 ? "--time-limit must be between 1 and 3600 seconds: "
                + limitSeconds : buildSeconds < 1 || buildSeconds > 3600 ? "--build-time-limit must be between 1 and"
                + " 3600 seconds: " + buildSeconds : budgetSeconds < 1 || budgetSeconds > 86_400 ? "--time-budget must"
                + " be between 1 and 86400 seconds: " + budgetSeconds : jobs != null && (jobs < 1 || jobs > 256)
                ? "--jobs must be between 1 and 256: " + jobs : jobs != null && jobs > 1 && kind == Sandbox.Kind.NONE
                ? "--sandbox none grades one submission at a time (they would share port " + port + "): --jobs must"
                + " be 1" : !keep.equals("all") && !keep.equals("failed") ? "--keep-output must be all or failed: "
                + keep : logs.startsWith(submissions) || submissions.startsWith(logs) ? "--out must be outside the"
                + " folder of submissions (it would be graded as one), and not hold it: " + out
                : interop && kind == Sandbox.Kind.NONE ? "--interop needs the sandbox (--sandbox bwrap): each pairing's"
                + " programs both use port " + port + ", in networks of their own, joined by the checker's relay"
                : interop && Sandbox.SYSTEM_PATH.stream().noneMatch(d -> Files.isExecutable(Path.of(d, "socat")))
                ? "--interop needs socat, which joins each pairing's two networks (Debian: apt-get install socat)"
                : pairingSeconds < 1 || pairingSeconds > 3600 ? "--interop-time-limit must be between 1 and 3600"
                + " seconds: " + pairingSeconds
                : Gradebook.inside(submissions, gradescopeDir, prairielearnDir) != null ? "--gradescope-dir and"
                + " --prairielearn-dir must be outside the folder of submissions (they would be graded as one): "
                + Gradebook.inside(submissions, gradescopeDir, prairielearnDir)
                : cases().problem() != null ? cases().problem() : sandboxOptions.limits().problem();
    }

    /** Runs the class's programs against each other and the reference ones. */
    private void interop(List<Graded> rows, List<Path> submissions, Map<String, String> folders, Limits limits,
            int parallel, PrintWriter stdout, PrintWriter err) throws IOException, InterruptedException {
        Map<String, Path> byName = new java.util.HashMap<>();
        submissions.forEach(s -> byName.put(s.getFileName().toString(), s));
        Path references = Files.createTempDirectory("helo-reference-");
        try {
            Path server = reference(referenceServer, "server", references, err);
            Path client = reference(referenceClient, "client", references, err);
            Interop.run(Interop.sides("server", server, rows, byName, folders), Interop.sides("client", client, rows,
                    byName, folders), out, new Interop.Settings(port, limitSeconds, buildSeconds, pairingSeconds,
                    limits, parallel), stdout, err);
        } finally {
            WorkCopy.delete(references);
        }
    }

    /**
     * A folder holding only the reference {@code role}'s jar (as {@code ROLE.jar}, found as a submission's), or null
     * when there is none: given with its option, or beside the checker's jar, or in the build tree.
     */
    private static Path reference(Path given, String role, Path references, PrintWriter err) throws IOException {
        Path jar = given;
        if (jar == null) {
            try {
                Path code = Path.of(BatchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path beside = code.getParent().resolve(role + ".jar");
                Path tree = code.getParent().getParent().getParent().resolve(role).resolve("target").resolve(role
                        + ".jar");
                jar = Files.isRegularFile(beside) ? beside : Files.isRegularFile(tree) ? tree : null;
            } catch (java.net.URISyntaxException | RuntimeException e) {
                jar = null;
            }
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            err.println(ConformanceMain.name() + ": --interop: no reference " + role + " (" + (given != null ? given
                    + " is not a file" : "give it with --reference-" + role + " JAR") + "): its " + (role.equals(
                    "server") ? "row" : "column") + " is left out");
            return null;
        }
        Path folder = Files.createDirectories(references.resolve(role));
        Files.copy(jar, folder.resolve(role + ".jar"));
        return folder;
    }

    private BatchSelection cases() {
        return new BatchSelection(only, excluded, reasons, profile != null ? profile : "assignment", slow);
    }

    /** Grades one submission with a case runner of its own, killed if it outlives the budget. */
    private Graded gradeOne(Path submission, String folderName, Sandbox.Kind kind, Limits limits)
            throws IOException, InterruptedException {
        String name = submission.getFileName().toString();
        Path logs = out.resolve(folderName).toAbsolutePath();
        WorkCopy.delete(logs); // a previous run's logs would be taken for this one's
        Files.createDirectories(logs);
        List<String> arguments = new ArrayList<>(List.of(GradeSubmissionCommand.NAME, "--name=" + name));
        arguments.addAll(RunnerOptions.arguments(logs, port, limitSeconds, buildSeconds));
        arguments.addAll(List.of("--time-budget", String.valueOf(budgetSeconds),
                "--sandbox", kind == Sandbox.Kind.BWRAP ? "bwrap" : "none"));
        arguments.addAll(limits.arguments());
        arguments.addAll(cases().arguments());
        arguments.add(submission.toAbsolutePath().toString());
        Path result = logs.resolve(".result.json");
        Path runnerLog = logs.resolve("checker.log");
        Process runner = new ProcessBuilder(kind == Sandbox.Kind.BWRAP ? Pod.command(arguments, limits.diskBytes(),
                List.of(submission), List.of(logs)) : Pod.plain(arguments)).redirectOutput(result.toFile()).redirectError(runnerLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Processes.nothing())).start();
        Graded graded;
        try {
            if (!runner.waitFor(budgetSeconds + GRACE_SECONDS, TimeUnit.SECONDS)) {
                Processes.stop(runner);
                graded = Graded.notGradable(name, "its grading did not end within the time budget ("
                        + budgetSeconds + " s) and " + GRACE_SECONDS + " s more: stopped");
            } else {
                graded = read(name, result, runner.exitValue(), runnerLog);
            }
        } finally {
            Processes.stop(runner);
            Files.deleteIfExists(result);
        }
        if (Files.size(runnerLog) == 0) {
            Files.delete(runnerLog);
        }
        SubmissionFolders.write(logs, graded);
        if (keep.equals("failed") && !graded.failed()) {
            WorkCopy.delete(logs);
        }
        return graded;
    }

    private static Graded read(String name, Path result, int status, Path runnerLog) {
        try {
            if (status == 0 && Files.size(result) <= MAX_RESULT) {
                return Graded.read(new ObjectMapper().readTree(result.toFile()));
            }
        } catch (IOException e) {
            // below: not gradable, with where the case runner said why
        }
        return Graded.notGradable(name, "the checker failed to grade it (status " + status + "; its output: "
                + runnerLog + ")");
    }

    private static Graded result(Future<Graded> graded) throws InterruptedException {
        try {
            return graded.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("grading failed", e.getCause()); // only a bug of the checker's
        }
    }
}
