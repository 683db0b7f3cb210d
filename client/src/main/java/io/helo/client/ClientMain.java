package io.helo.client;

import io.helo.codec.HeloProtocol;
import io.helo.codec.SafeText;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point of the client: {@code java -jar client.jar [options]}. */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = ClientMain.Version.class,
        sortOptions = false, showDefaultValues = true, usageHelpAutoWidth = true,
        description = "Runs every HELO protocol command once against a server and checks each reply.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the whole session succeeded", "1:the session failed (the reason is printed)",
                "2:invalid options"})
public final class ClientMain implements Callable<Integer> {
    /** The name in what the client prints: the launcher's {@code -Dhelo.client.program} ({@code helo-client}). */
    private static final String PROGRAM = System.getProperty("helo.client.program", "client");
    /** The server the client talks to when no option says otherwise. */
    static final String DEFAULT_HOST = "localhost";
    /** How long the client waits to connect and for each reply, unless told otherwise. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest reply line the client accepts, unless told otherwise. */
    static final int DEFAULT_MAX_REPLY_LENGTH = 64 * 1024;
    private static final BigDecimal MAX_TIMEOUT_SECONDS = BigDecimal.valueOf(86_400);
    private static final int MIN_REPLY_LENGTH = 64;
    private static final Duration MAX_QUIET_LINE_END = Duration.ofSeconds(10);

    @Option(names = {"-H", "--host"}, description = "Server host name or address.")
    private String host = DEFAULT_HOST;

    @Option(names = {"-p", "--port"}, description = "Server TCP port.")
    private int port = HeloProtocol.DEFAULT_PORT;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Longest wait to connect and for each reply.")
    private BigDecimal timeoutSeconds = BigDecimal.valueOf(DEFAULT_TIMEOUT.toSeconds());

    @Option(names = "--max-reply-length", paramLabel = "OCTETS",
            description = "Longest reply line accepted, counting its line end.")
    private int maxReplyLength = DEFAULT_MAX_REPLY_LENGTH;

    @Option(names = "--quiet-line-end", paramLabel = "MILLIS",
            description = "For servers that send no line ends: reply bytes followed by this much silence count"
                    + " as a line; 0 turns it off.")
    private long quietLineEndMillis = HeloProtocol.DEFAULT_QUIET_LINE_END.toMillis();

    @Option(names = "--helo-name", paramLabel = "NAME",
            description = "Name to give in HELO (default: this machine's hostname).")
    private String heloName;

    @Option(names = "--tls", description = "Speak the protocol inside TLS from the first byte, checking that the"
            + " server's certificate is trusted and names the --host given. Use --port for the server's TLS port.")
    private boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "Trust the CA certificates in this PEM file"
            + " instead of the JDK's trust store. Implies --tls.")
    private Path tlsCa;

    private final PrintStream out;
    private final PrintStream err;

    /** A client printing to the given streams. */
    ClientMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the scripted session; exits 0 on success, 1 on failure, 2 on bad options.
     *
     * @param args the command line options; {@code --help} lists them
     */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Parses {@code args} and runs the session, printing to the given streams; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /**
     * The client's command line, as {@code main} runs it: for tools that document it (manual page, completion).
     *
     * @param out where the session, usage and version go
     * @param err where errors go
     * @return the command line, not yet run
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return new CommandLine(new ClientMain(out, err))
                .setCommandName(PROGRAM)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).registerConverter(BigDecimal.class, ClientMain::decimal)
                .setParameterExceptionHandler((e, ignored) -> usageError(err, e.getMessage()));
    }

    @Override
    public Integer call() {
        if (port < 1 || port > 65_535) {
            return usageError(err, "--port must be between 1 and 65535: " + port);
        }
        if (timeoutSeconds.signum() <= 0 || timeoutSeconds.compareTo(MAX_TIMEOUT_SECONDS) > 0) {
            return usageError(err, "--timeout must be more than 0 and at most " + MAX_TIMEOUT_SECONDS
                    + " seconds: " + timeoutSeconds);
        }
        if (maxReplyLength < MIN_REPLY_LENGTH) {
            return usageError(err, "--max-reply-length must be at least " + MIN_REPLY_LENGTH + ": " + maxReplyLength);
        }
        if (quietLineEndMillis < 0 || quietLineEndMillis > MAX_QUIET_LINE_END.toMillis()) {
            return usageError(err, "--quiet-line-end must be between 0 and " + MAX_QUIET_LINE_END.toMillis()
                    + " milliseconds: " + quietLineEndMillis);
        }
        String hostname = heloName == null ? LocalHostname.find() : LocalHostname.valid(heloName);
        if (hostname == null) {
            return usageError(err, "--helo-name must be one word of at most 255 octets, without spaces or"
                    + " control characters: " + SafeText.escape(heloName));
        }
        ClientTls clientTls;
        try {
            clientTls = tlsCa == null ? null : ClientTls.trusting(tlsCa);
        } catch (ClientTls.InvalidCaFile e) {
            return usageError(err, "--tls-ca " + tlsCa + ": " + e.getMessage());
        }
        Duration timeout = Duration.ofMillis(timeoutSeconds.movePointRight(3).setScale(0, RoundingMode.UP)
                .longValueExact());
        HeloConnection.ReplyLimits limits =
                new HeloConnection.ReplyLimits(maxReplyLength, Duration.ofMillis(quietLineEndMillis));
        try {
            if (clientTls == null && tls) {
                clientTls = ClientTls.withDefaultTrust();
            }
            new ScriptedSession(host, port, timeout, limits, hostname, clientTls, out).run();
            return 0;
        } catch (ClientFailure e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return 1;
        }
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
        }
    }

    /** Prints what was wrong with the command line, in one line, and where to read more; returns exit code 2. */
    private static int usageError(PrintStream err, String message) {
        err.println(PROGRAM + ": " + message);
        err.println("Try '" + PROGRAM + " --help' for more information.");
        return 2;
    }

    /** Reports the version the build put into the codec. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"HELO client " + HeloProtocol.version()};
        }
    }
}
