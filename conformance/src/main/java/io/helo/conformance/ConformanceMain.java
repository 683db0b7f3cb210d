package io.helo.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar conformance.jar server ...}: grades a HELO server against PROTOCOL.md. */
@Command(name = "conformance", mixinStandardHelpOptions = true, versionProvider = ConformanceMain.Version.class,
        description = "Grades an implementation of the HELO protocol against PROTOCOL.md.",
        subcommands = {ConformanceMain.ServerCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no MUST case failed", "1:a MUST case failed", "2:invalid options, or the implementation"
                + " could not be reached or started"})
public final class ConformanceMain {
    /** Status when no MUST case failed. */
    static final int CONFORMS = 0;
    /** Status when a MUST case failed. */
    static final int DOES_NOT_CONFORM = 1;
    /** Status for usage errors and unreachable implementations. */
    static final int UNUSABLE = 2;

    private ConformanceMain() {
    }

    /** Runs the checker with {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the checker with {@code args}, writing to {@code out} and {@code err}; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new ConformanceMain());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("conformance: " + e.getMessage());
            err.println("Try 'conformance " + (e.getCommandLine().getCommandName().equals("conformance") ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help' for more information.");
            return UNUSABLE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.println("conformance: " + e.getMessage());
            return UNUSABLE;
        });
        if (args.length == 0) {
            cli.usage(err);
            return UNUSABLE;
        }
        cli.getSubcommands().values().forEach(sub -> sub.setOut(cli.getOut()).setErr(cli.getErr()));
        ServerCommand.out = out;
        ServerCommand.err = err;
        return cli.execute(args);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ConformanceMain.class.getPackage().getImplementationVersion();
            return new String[] {"HELO conformance checker " + (version == null ? "(development)" : version)};
        }
    }

    /** {@code server}: the server cases against a running server, or one the checker starts. */
    @Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Grades a HELO server: connects to HOST:PORT, or starts COMMAND (after --) and waits for it"
                    + " to listen there, runs the server cases, and stops what it started.")
    static final class ServerCommand implements Callable<Integer> {
        static PrintStream out = System.out;
        static PrintStream err = System.err;

        @Option(names = "--host", paramLabel = "HOST", description = "Server to check (default: ${DEFAULT-VALUE}).")
        String host = "localhost";
        @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Its port (default: ${DEFAULT-VALUE}).")
        int port = 8008;
        @Option(names = "--timeout", paramLabel = "SECONDS",
                description = "How long to wait for each reply (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds = 3;
        @Option(names = "--quiet-period", paramLabel = "MILLIS", description = "Silence after which a reply without"
                + " line end is taken as a line (default: ${DEFAULT-VALUE}).")
        int quietMillis = 500;
        @Option(names = "--zone", paramLabel = "ZONE", description = "The server's time zone, for REQTIME and REQDATE"
                + " (default: the checker's, ${DEFAULT-VALUE}).")
        ZoneId zone = ZoneId.systemDefault();
        @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "The server's idle timeout, which"
                + " the slow case waits for (default: ${DEFAULT-VALUE}).")
        int idleSeconds = 300;
        @Option(names = "--max-line-length", paramLabel = "OCTETS",
                description = "The server's line length limit (default: ${DEFAULT-VALUE}).")
        int maxLineLength = 1000;
        @Option(names = "--max-errors", paramLabel = "N",
                description = "The server's error limit (default: ${DEFAULT-VALUE}).")
        int maxErrors = 10;
        @Option(names = "--skip-slow", description = "Skip the cases that wait for a timeout of the server.")
        boolean skipSlow;
        @Option(names = "--case", paramLabel = "ID", description = "Run only this case (repeatable).")
        List<String> only = new ArrayList<>();
        @Option(names = "--exclude", paramLabel = "ID", description = "Skip this case (repeatable; each needs a"
                + " --reason, recorded in the report).")
        List<String> excluded = new ArrayList<>();
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why the --exclude at the same position is"
                + " excluded.")
        List<String> reasons = new ArrayList<>();
        @Option(names = "--list", description = "Print the catalogue of server cases and exit.")
        boolean list;
        @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
        Path json;
        @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML.")
        Path junit;
        @Option(names = "--start-timeout", paramLabel = "SECONDS", description = "How long a started server may take"
                + " to listen (default: ${DEFAULT-VALUE}).")
        int startSeconds = 15;
        @Parameters(paramLabel = "COMMAND", description = "A server to start (after --), e.g. -- python3 server.py.")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            if (list) {
                Catalogue.print(ServerCases.all(), out);
                return CONFORMS;
            }
            Map<String, String> exclusions = exclusions();
            if (exclusions == null) {
                return UNUSABLE;
            }
            ServerTarget target = new ServerTarget(host, port, Duration.ofSeconds(timeoutSeconds),
                    Duration.ofMillis(quietMillis), zone, Duration.ofSeconds(idleSeconds), maxLineLength, maxErrors);
            ServerUnderTest started = null;
            if (!command.isEmpty()) {
                Path log = Files.createTempFile("helo-conformance-server", ".log");
                try {
                    started = ServerUnderTest.start(command, Path.of("."), host, port, Duration.ofSeconds(startSeconds),
                            log);
                } catch (IOException e) {
                    err.println("conformance: cannot start " + String.join(" ", command) + ": " + e.getMessage());
                    return UNUSABLE;
                }
                err.println("conformance: started " + String.join(" ", command) + " (output in " + log + ")");
            } else if (!reachable(target)) {
                return UNUSABLE;
            }
            try {
                Report report = Runner.run(host + ":" + port, "server", ServerCases.all(), target,
                        new Selection(only, exclusions, skipSlow), c -> limit(c, target), r -> { });
                TextReport.write(report, out);
                if (json != null) {
                    JsonReport.write(report, json);
                }
                if (junit != null) {
                    JunitReport.write(report, junit);
                }
                return report.failed() ? DOES_NOT_CONFORM : CONFORMS;
            } finally {
                if (started != null) {
                    started.close();
                }
            }
        }

        private Map<String, String> exclusions() {
            if (excluded.size() != reasons.size()) {
                err.println("conformance: every --exclude needs its --reason (" + excluded.size() + " --exclude, "
                        + reasons.size() + " --reason)");
                return null;
            }
            List<String> known = ServerCases.all().stream().map(Case::id).toList();
            List<String> named = new ArrayList<>(only);
            named.addAll(excluded);
            for (String id : named) {
                if (!known.contains(id)) {
                    err.println("conformance: no case " + id + " (--list shows them)");
                    return null;
                }
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < excluded.size(); i++) {
                map.put(excluded.get(i), reasons.get(i));
            }
            return map;
        }

        private boolean reachable(ServerTarget target) {
            try (Wire probe = target.open()) {
                return true;
            } catch (IOException e) {
                err.println("conformance: cannot connect to " + host + ":" + port + ": " + e.getMessage());
                return false;
            }
        }

        private static Duration limit(Case<ServerTarget> c, ServerTarget target) {
            Duration base = target.timeout().multipliedBy(4).plusSeconds(2);
            return c.slow() ? base.plus(target.idleTimeout()) : base;
        }
    }
}
