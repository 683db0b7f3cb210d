package io.helo.client;

import io.helo.codec.HeloProtocol;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point of the client: {@code java -jar client.jar [options]}. */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = ClientMain.Version.class,
        sortOptions = false, showDefaultValues = true, usageHelpAutoWidth = true,
        description = "Runs every HELO protocol command once against a server and checks each reply.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the whole session succeeded", "1:the session failed (the reason is printed)",
                "2:invalid options"})
public final class ClientMain implements Callable<Integer> {
    /** The server the client talks to when no option says otherwise. */
    static final String DEFAULT_HOST = "localhost";
    /** How long the client waits to connect and for each reply, unless told otherwise. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest reply line the client accepts, unless told otherwise. */
    static final int DEFAULT_MAX_REPLY_LENGTH = 64 * 1024;

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

    private final PrintStream out;
    private final PrintStream err;

    /** A client printing to the given streams. */
    ClientMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the scripted session; exits 0 on success, 1 on failure, 2 on bad options. */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Parses {@code args} and runs the session, printing to the given streams; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        return new CommandLine(new ClientMain(out, err)).setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(err, true)).execute(args);
    }

    @Override
    public Integer call() {
        if (timeoutSeconds.signum() <= 0 || timeoutSeconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
            err.println("client: --timeout must be between 0 and 86400 seconds");
            return 2;
        }
        String hostname = heloName == null ? LocalHostname.find() : LocalHostname.valid(heloName);
        if (hostname == null) {
            err.println("client: --helo-name must be one word without control characters");
            return 2;
        }
        if (maxReplyLength < 64 || quietLineEndMillis < 0 || quietLineEndMillis > 10_000) {
            err.println("client: --max-reply-length must be at least 64, --quiet-line-end between 0 and 10000");
            return 2;
        }
        Duration timeout = Duration.ofMillis(timeoutSeconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
        HeloConnection.ReplyLimits limits =
                new HeloConnection.ReplyLimits(maxReplyLength, Duration.ofMillis(quietLineEndMillis));
        try {
            new ScriptedSession(host, port, timeout, limits, hostname, out).run();
            return 0;
        } catch (ClientFailure e) {
            err.println("client: " + e.getMessage());
            return 1;
        }
    }

    /** Reports the version the build put into the codec. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"HELO client " + HeloProtocol.version()};
        }
    }
}
