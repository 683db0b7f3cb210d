package io.helo.conformance;

import io.helo.codec.HeloProtocol;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code server}: the server cases against a running server, or one the checker starts and stops. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Grades a HELO server: connects to HOST:PORT, or starts COMMAND (after --) and waits for it to"
                + " listen there, runs the server cases, and stops what it started.")
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--host", paramLabel = "HOST", description = "Server to check (default: ${DEFAULT-VALUE}).")
    String host = "localhost";
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Its port (default: ${DEFAULT-VALUE}).")
    int port = HeloProtocol.DEFAULT_PORT;
    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long to wait for each reply, e.g. 3 or 0.5 (default: ${DEFAULT-VALUE}).")
    java.math.BigDecimal timeoutSeconds = java.math.BigDecimal.valueOf(2);
    @Option(names = "--quiet-period", paramLabel = "MILLIS", description = "Silence after which a reply without line"
            + " end is taken as a line (default: ${DEFAULT-VALUE}).")
    int quietMillis = 500;
    @Option(names = "--zone", paramLabel = "ZONE", description = "The server's time zone, for REQTIME and REQDATE"
            + " (default: the checker's, ${DEFAULT-VALUE}).")
    ZoneId zone = ZoneId.systemDefault();
    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "The server's idle timeout, which the slow"
            + " case waits for (default: ${DEFAULT-VALUE}).")
    int idleSeconds = (int) HeloProtocol.DEFAULT_IDLE_TIMEOUT.toSeconds();
    @Option(names = "--max-line-length", paramLabel = "OCTETS",
            description = "The server's line length limit (default: ${DEFAULT-VALUE}).")
    int maxLineLength = HeloProtocol.DEFAULT_MAX_LINE_LENGTH;
    @Option(names = "--max-errors", paramLabel = "N", description = "The server's error limit (default: ${DEFAULT-VALUE}).")
    int maxErrors = HeloProtocol.DEFAULT_MAX_ERRORS;
    @Option(names = "--start-timeout", paramLabel = "SECONDS", description = "How long a started server may take to"
            + " listen (default: ${DEFAULT-VALUE}).")
    int startSeconds = 15;
    @Mixin
    ReportOptions reports;
    @Mixin
    SandboxOptions sandboxOptions;
    @Option(names = "--coverage", description = "Print which case grades each requirement of PROTOCOL.md (server and"
            + " client alike), or why none does, and exit.")
    boolean coverage;
    /** The server the checker started, once it has, for the case that reads what it printed. */
    private volatile ServerUnderTest startedServer;
    @Parameters(paramLabel = "COMMAND", description = "A server to start (after --), e.g. -- python3 server.py.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reports.list) {
            Catalogue.print(ServerCases.all(), out);
            return ConformanceMain.CONFORMS;
        }
        if (reports.printRubric) {
            out.print(Rubric.standardText());
            out.flush();
            return ConformanceMain.CONFORMS;
        }
        if (coverage) {
            Coverage.print(out);
            return ConformanceMain.CONFORMS;
        }
        Selection selection = reports.selection(ServerCases.all(), err);
        if (selection == null) {
            return ConformanceMain.UNUSABLE;
        }
        if (timeoutSeconds.signum() <= 0 || timeoutSeconds.compareTo(java.math.BigDecimal.valueOf(3600)) > 0) {
            err.println(ConformanceMain.name() + ": --timeout must be more than 0 and at most 3600 seconds: " + timeoutSeconds);
            return ConformanceMain.UNUSABLE;
        }
        String invalid = quietMillis < 1 || quietMillis > 60_000 ? "--quiet-period must be between 1 and 60000 ms: "
                + quietMillis : idleSeconds < 1 || idleSeconds > 86_400 ? "--idle-timeout must be between 1 and 86400"
                + " seconds: " + idleSeconds : maxLineLength < 16 || maxLineLength > 1 << 20 ? "--max-line-length must"
                + " be between 16 and 1048576: " + maxLineLength : maxErrors < 1 || maxErrors > 10_000 ? "--max-errors"
                + " must be between 1 and 10000: " + maxErrors : startSeconds < 1 || startSeconds > 3600
                ? "--start-timeout must be between 1 and 3600 seconds: " + startSeconds : null;
        Sandbox.Kind kind = sandboxOptions.kind(Sandbox.Kind.NONE);
        Limits limits = sandboxOptions.limits();
        invalid = invalid != null ? invalid : kind == null ? "--sandbox must be bwrap or none: " + sandboxOptions.kind
                : kind == Sandbox.Kind.BWRAP && command.isEmpty() ? "--sandbox needs the server to start, after --"
                : kind == Sandbox.Kind.BWRAP && !host.equals("localhost") && !host.equals("127.0.0.1")
                ? "--sandbox grades the server it starts on the sandbox's own loopback: --host must be localhost"
                : limits.problem();
        if (invalid != null) {
            err.println(ConformanceMain.name() + ": " + invalid);
            return ConformanceMain.UNUSABLE;
        }
        Integer podStatus = OwnProgram.inPod(kind, limits, spec, reports.files(), out, err);
        if (podStatus != null) {
            return podStatus;
        }
        Duration timeout = Duration.ofMillis(Math.max(1, timeoutSeconds.movePointRight(3).longValue()));
        ServerTarget target = new ServerTarget(host, port, timeout,
                Duration.ofMillis(quietMillis), zone, Duration.ofSeconds(idleSeconds), maxLineLength, maxErrors, command,
                spec.commandLine().getParseResult().hasMatchedOption("--zone"), null,
                command.isEmpty() ? null : () -> startedServer == null ? "" : startedServer.lastOutput());
        if (command.isEmpty()) {
            String unreachable = unreachable(target);
            if (unreachable != null) {
                err.println(ConformanceMain.name() + ": " + unreachable);
                reports.notGradable("server", ServerCases.all(), selection, unreachable);
                return ConformanceMain.UNUSABLE;
            }
            return grade(target, selection, null, out, err);
        }
        // a pod's temporary folder goes with it: there, what the server printed last is shown instead
        Path log = Pod.inside() ? null : Files.createTempFile("helo-conformance-server", ".log");
        boolean keepLog = false;
        String lastOutput = "";
        try (OwnProgram program = OwnProgram.here(new Sandbox(kind, limits))) {
            ServerUnderTest started;
            try {
                started = ServerUnderTest.start(program.launcher(), command, host, port,
                        Duration.ofSeconds(startSeconds), log, limits.outputBytes());
            } catch (IOException e) {
                keepLog = true;
                err.println(ConformanceMain.name() + ": cannot start " + String.join(" ", command) + ": " + e.getMessage());
                reports.notGradable("server", ServerCases.all(), selection, "it did not start: " + e.getMessage());
                return ConformanceMain.UNUSABLE;
            }
            startedServer = started;
            try (started) {
                int status = grade(target, selection, started, out, err);
                keepLog = status != ConformanceMain.CONFORMS || started.gone() != null;
                lastOutput = started.lastOutput();
                return status;
            }
        } catch (IOException e) {
            err.println(ConformanceMain.name() + ": " + e.getMessage());
            return ConformanceMain.UNUSABLE;
        } finally {
            if (keepLog && log != null) {
                err.println(ConformanceMain.name() + ": the server's output is in " + log);
            } else if (keepLog && !lastOutput.isBlank()) {
                err.println(ConformanceMain.name() + ": the server's last output:\n" + lastOutput.strip());
            } else if (log != null) {
                Files.deleteIfExists(log);
            }
        }
    }

    private int grade(ServerTarget target, Selection selection, ServerUnderTest running, PrintWriter out,
            PrintWriter err) throws IOException {
        ServerCases.all().stream().filter(c -> c.slow() && selection.listed(c) && selection.skipReason(c) == null)
                .forEach(c -> err.println(ConformanceMain.name() + ": " + c.id() + " waits up to " + limit(c, target).toSeconds()
                        + " s for the server's idle timeout (--idle-timeout " + idleSeconds + ")"));
        Report report = Runner.run(host + ":" + port, "server", ServerCases.all(), target, selection,
                c -> limit(c, target), r -> { }, running == null ? grace -> null : running::goneWithin, Budget.unlimited());
        reports.write(report.withRerun(Rerun.template(spec)), selection, out);
        return report.failed() ? ConformanceMain.DOES_NOT_CONFORM : ConformanceMain.CONFORMS;
    }

    /** Why the server cannot be reached, or null if it can. */
    private String unreachable(ServerTarget target) {
        try (Wire probe = target.open()) {
            return null;
        } catch (IOException e) {
            return "cannot connect to " + host + ":" + port + ": " + e.getMessage();
        }
    }

    private static Duration limit(Case<ServerTarget> c, ServerTarget target) {
        Duration base = target.timeout().multipliedBy(4).plusSeconds(2);
        return c.slow() ? base.plus(target.idleTimeout()) : base;
    }
}
