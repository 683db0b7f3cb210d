package io.helo.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The batch's interoperability runner: runs one submission's server against another's client (in the pairing's pod),
 * each from its own private copy, each in a sandbox of its own: the server in the pod's network, where it listens on
 * the port; the client in a network of its own, where the checker's relay listens on the port and passes each
 * connection to the server, recording the wire. Writes the pairing's {@link PairingJudge.Result} and the wire as one
 * JSON document on the standard output. Not for people: {@code batch --interop} runs it.
 */
@Command(name = GradePairingCommand.NAME, hidden = true, description = "Runs one server against one client for batch.")
final class GradePairingCommand implements Callable<Integer> {
    /** The subcommand's name. */
    static final String NAME = "grade-pairing";

    @Spec
    CommandSpec spec;
    @Option(names = "--server", required = true)
    Path serverFolder;
    @Option(names = "--client", required = true)
    Path clientFolder;
    @Mixin
    RunnerOptions runner;
    @Option(names = "--time-budget")
    int budgetSeconds = 60;
    @Mixin
    SandboxOptions sandboxOptions;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Sandbox sandbox = new Sandbox(Sandbox.Kind.BWRAP, sandboxOptions.limits());
        Budget budget = Budget.of(Duration.ofSeconds(budgetSeconds));
        Path work = Files.createTempDirectory("helo-pairing-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        ObjectNode tree = new ObjectMapper().createObjectNode();
        try {
            run(sandbox, budget, work, tree);
        } finally {
            WorkCopy.delete(work);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(new ObjectMapper().writeValueAsString(tree));
        stdout.flush();
        return ConformanceMain.CONFORMS;
    }

    private void run(Sandbox sandbox, Budget budget, Path work, ObjectNode tree) throws IOException,
            InterruptedException {
        Program server = Program.prepare("server", serverFolder, work.resolve("server"), sandbox, budget,
                Duration.ofSeconds(runner.buildSeconds), runner.out);
        Program client = Program.prepare("client", clientFolder, work.resolve("client"), sandbox, budget,
                Duration.ofSeconds(runner.buildSeconds), runner.out);
        String problem = server.problem != null ? server.problem : client.problem;
        if (problem != null) {
            result(tree, PairingJudge.Result.notRun(problem), List.of());
            return;
        }
        long cap = sandbox.limits().outputBytes();
        ServerUnderTest started;
        try {
            started = ServerUnderTest.start(sandbox.launcher(server.copy, server.programs,
                    WorkCopy.folder(work.resolve("server").resolve("tmp"))), server.command, "127.0.0.1",
                    runner.port, budget.cap(Duration.ofSeconds(runner.limitSeconds)), runner.out.resolve("server.log"),
                    cap);
        } catch (IOException e) {
            result(tree, PairingJudge.Result.notRun("the server could not be run: " + e.getMessage()), List.of());
            return;
        }
        // the socket in a folder of its own: the client's sandbox sees that folder, nothing else of the pairing's
        Path socket = Files.createDirectory(work.resolve("relay"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx--x--x"))).resolve("wire.sock");
        try (started; WireRelay relay = WireRelay.start(socket, new InetSocketAddress("127.0.0.1", runner.port))) {
            Launcher launcher = sandbox.relayed(client.copy, client.programs, WorkCopy.folder(work.resolve("client")
                    .resolve("tmp")), socket, runner.port);
            Process process;
            try {
                process = launcher.start(client.command, Map.of("HELO_PORT", String.valueOf(runner.port)));
            } catch (IOException e) {
                result(tree, PairingJudge.Result.notRun("the client could not be run: " + e.getMessage()), List.of());
                return;
            }
            CapturedOutput output = CapturedOutput.drain(process.getInputStream(), runner.out.resolve("client.log"),
                    cap, "client");
            Duration limit = budget.cap(Duration.ofSeconds(runner.limitSeconds));
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            Integer status = ended ? process.exitValue() : null;
            Processes.stop(process);
            output.awaitEnd(Duration.ofSeconds(5));
            relay.awaitEnd(Duration.ofSeconds(2)); // the server's last octets after the client's sandbox went
            String gone = started.goneWithin(Duration.ZERO);
            PairingJudge.Result result = PairingJudge.judge(relay.first(), "127.0.0.1", status, gone);
            if (!ended && result.result().equals(PairingJudge.WORKS)) {
                result = PairingJudge.Result.fails("the client did not end within " + Show.duration(limit));
            }
            result(tree, result, relay.transcript());
        }
    }

    private static void result(ObjectNode tree, PairingJudge.Result result, List<String> wire) {
        tree.put("result", result.result());
        tree.put("reason", result.reason());
        wire.forEach(tree.putArray("wire")::add);
        if (wire.isEmpty()) {
            tree.putArray("wire");
        }
    }

    /** One side of the pairing: its private copy, built, and its command; or why it cannot be run. */
    private static final class Program {
        private Path copy;
        private Path programs;
        private List<String> command;
        private String problem;

        static Program prepare(String role, Path folder, Path work, Sandbox sandbox, Budget budget, Duration buildLimit,
                Path out) throws IOException {
            Program program = new Program();
            Files.createDirectories(work);
            program.copy = work.resolve("submission");
            try {
                WorkCopy.copy(folder, program.copy, sandbox.limits().diskBytes());
                Layout layout = Layout.find(program.copy);
                program.programs = program.copy.resolve(layout.folder());
                program.command = role.equals("server") ? layout.server() : layout.client();
                if (program.command == null) {
                    program.problem = "it has no " + role;
                } else if (layout.build() != null) {
                    String failed = SubmissionGrader.build(sandbox.launcher(program.copy, program.programs,
                            WorkCopy.folder(work.resolve("tmp-build"))), layout.build(), budget.cap(buildLimit),
                            out.resolve(role + "-build.log"), sandbox.limits().outputBytes());
                    program.problem = failed == null ? null : "the " + role + "'s " + failed;
                }
            } catch (IOException e) {
                program.problem = "the " + role + " is not gradable: " + e.getMessage();
            }
            return program;
        }
    }
}
