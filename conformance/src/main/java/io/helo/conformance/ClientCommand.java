package io.helo.conformance;

import io.helo.codec.HeloProtocol;
import io.helo.conformance.ClientSession.Behaviour;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code client}: plays a server for a client it starts, and grades what the client did. */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Grades a HELO client: listens on PORT (loopback), starts COMMAND (after --) with its input"
                + " closed, answers as a correct server (or as --behave says), and grades what the client sent, how it"
                + " ended the session and how it exited. {port} in COMMAND is replaced by the port, which is also in"
                + " the client's environment as HELO_PORT.")
final class ClientCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "Port to listen on, as the client expects (default: ${DEFAULT-VALUE}; 0: a free one).")
    int port = HeloProtocol.DEFAULT_PORT;
    @Option(names = "--behave", paramLabel = "HOW", description = "How the played server behaves: ${COMPLETION-CANDIDATES}"
            + " (default: ${DEFAULT-VALUE}).", converter = BehaviourConverter.class,
            completionCandidates = Names.class)
    Behaviour behaviour = Behaviour.CORRECT;
    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "How long the client may take in all"
            + " (default: ${DEFAULT-VALUE}).")
    int limitSeconds = 30;
    @Mixin
    ReportOptions reports;
    @Mixin
    SandboxOptions sandboxOptions;
    @Parameters(paramLabel = "COMMAND", description = "The client to start (after --), e.g. -- python3 client.py.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reports.list) {
            Catalogue.print(ClientCases.all(), out);
            return ConformanceMain.CONFORMS;
        }
        if (reports.printRubric) {
            out.print(Rubric.standardText());
            out.flush();
            return ConformanceMain.CONFORMS;
        }
        Selection selection = reports.selection(ClientCases.all(), err);
        if (selection == null) {
            return ConformanceMain.UNUSABLE;
        }
        if (limitSeconds < 1 || limitSeconds > 3600) {
            err.println(ConformanceMain.name() + ": --time-limit must be between 1 and 3600 seconds: " + limitSeconds);
            return ConformanceMain.UNUSABLE;
        }
        if (command.isEmpty()) {
            err.println(ConformanceMain.name()
                    + ": client mode needs the client to start, after --, e.g. -- python3 client.py");
            err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
            return ConformanceMain.UNUSABLE;
        }
        Sandbox.Kind kind = sandboxOptions.kind(Sandbox.Kind.NONE);
        Limits limits = sandboxOptions.limits();
        String invalid = kind == null ? "--sandbox must be bwrap or none: " + sandboxOptions.kind : limits.problem();
        if (invalid != null) {
            err.println(ConformanceMain.name() + ": " + invalid);
            return ConformanceMain.UNUSABLE;
        }
        Integer podStatus = OwnProgram.inPod(kind, limits, spec, reports.files(), out, err);
        if (podStatus != null) {
            return podStatus;
        }
        Report report;
        try (OwnProgram program = OwnProgram.here(new Sandbox(kind, limits))) {
            report = grade(program.launcher(), command, Map.of(), port, behaviour, Duration.ofSeconds(limitSeconds),
                    selection, null, limits.outputBytes());
        } catch (IOException e) {
            err.println(ConformanceMain.name() + ": cannot run " + String.join(" ", command) + " against port " + port + ": "
                    + e.getMessage());
            reports.notGradable("client", ClientCases.all(), selection, "it did not start: " + e.getMessage());
            return ConformanceMain.UNUSABLE;
        }
        reports.write(report.withRerun(Rerun.template(spec)), selection, out);
        return report.failed() ? ConformanceMain.DOES_NOT_CONFORM : ConformanceMain.CONFORMS;
    }

    /**
     * Runs and grades one client started by {@code launcher}, its output (up to {@code outputCap} octets) in
     * {@code log} (null: none kept).
     *
     * @throws IOException if it could not be run at all
     */
    static Report grade(Launcher launcher, List<String> command, Map<String, String> environment, int port,
            Behaviour behaviour, Duration limit, Selection selection, Path log, long outputCap) throws IOException {
        ClientSession session = ClientUnderTest.run(launcher, command, environment, port, behaviour, limit, log,
                outputCap);
        Report graded = Runner.run(String.join(" ", command), "client", ClientCases.all(), session, selection,
                c -> Duration.ofSeconds(10), r -> { });
        // the time the client took, not the grading's
        return new Report(graded.target(), graded.mode(), graded.started(), session.millis(), graded.results());
    }

    /** Reads {@code --behave} values in lower case with hyphens. */
    static final class BehaviourConverter implements picocli.CommandLine.ITypeConverter<Behaviour> {
        @Override
        public Behaviour convert(String value) {
            for (Behaviour b : Behaviour.values()) {
                if (Names.name(b).equals(value)) {
                    return b;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected one of " + String.join(", ", new Names())
                    + " but was '" + value + "'");
        }
    }

    /** The {@code --behave} names. */
    static final class Names extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Names() {
            for (Behaviour b : Behaviour.values()) {
                add(name(b));
            }
        }

        static String name(Behaviour b) {
            return b.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
