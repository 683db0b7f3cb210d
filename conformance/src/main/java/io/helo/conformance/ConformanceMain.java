package io.helo.conformance;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar conformance.jar server ...}: grades a HELO server against PROTOCOL.md. */
@Command(name = "conformance", mixinStandardHelpOptions = true, versionProvider = ConformanceMain.Version.class,
        description = "Grades an implementation of the HELO protocol against PROTOCOL.md.",
        subcommands = {ServerCommand.class, ClientCommand.class, BatchCommand.class,
            GradeSubmissionCommand.class, GradePairingCommand.class},
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
    /** The system property by which the installed launcher tells the checker its command's name. */
    static final String PROGRAM_PROPERTY = "helo.conformance.program";

    private ConformanceMain() {
    }

    /**
     * What the checker calls itself in its usage and messages: the installed command's name, which its launcher
     * passes as {@code helo.conformance.program}, or {@code conformance}.
     *
     * @return the checker's name
     */
    static String name() {
        String named = System.getProperty(PROGRAM_PROPERTY);
        return named == null || named.isBlank() ? "conformance" : named;
    }

    /**
     * The checker's command line, with its subcommands: for tools that document it (manual pages, completion).
     *
     * @return the command line, not yet configured to run
     */
    public static CommandLine commandLine() {
        return new CommandLine(new ConformanceMain());
    }

    /** Runs the checker with {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the checker with {@code args}, writing to {@code out} and {@code err}; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = commandLine();
        cli.setCommandName(name());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(name() + ": " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return UNUSABLE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            err.println(name() + ": " + e.getMessage());
            return UNUSABLE;
        });
        if (args.length == 0) {
            cli.usage(err);
            return UNUSABLE;
        }
        cli.getSubcommands().values().forEach(sub -> sub.setOut(cli.getOut()).setErr(cli.getErr()));
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
}
