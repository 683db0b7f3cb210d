package io.helo.bench;

import io.helo.codec.HeloProtocol;
import io.helo.codec.blocking.TrustedCertificates;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line entry point of the load generator: {@code java -jar bench/target/bench.jar [options]}. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = LoadGenerator.Version.class,
        sortOptions = false, showDefaultValues = true, usageHelpAutoWidth = true,
        description = {"Closed-loop load against a HELO server (or redis-server's inline PING): every reply is"
                + " verified, latency is recorded in an HdrHistogram, progress is shown each second.",
            "Targets loopback addresses only, unless --allow-remote says otherwise."})
public final class LoadGenerator implements Callable<Integer> {
    @Option(names = {"-H", "--host"}, description = "Server address.")
    private String host = "127.0.0.1";

    @Option(names = {"-p", "--port"}, description = "Server port.")
    private int port = HeloProtocol.DEFAULT_PORT;

    @Option(names = {"-c", "--connections"}, description = "Concurrent connections.")
    private int connections = 50;

    @Option(names = {"-P", "--pipeline"},
            description = "Requests sent back to back before waiting for their replies.")
    private int pipeline = 1;

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS",
            description = "Measured time.")
    private int durationSeconds = 10;

    @Option(names = {"-w", "--warmup"}, paramLabel = "SECONDS",
            description = "Time run first and not measured.")
    private int warmupSeconds = 2;

    @Option(names = {"-m", "--mode"},
            converter = ModeConverter.class,
            description = "echo: HELO once, then ECHO requests; churn: connect, HELO, ECHO, BYE, wait for the"
                    + " close, again; redis and redis-churn: the same with PING, PING, QUIT to redis-server's inline"
                    + " protocol, for a side-by-side reference; socket-churn and tls-churn: churn on blocking"
                    + " sockets, a thread per connection, without and with TLS (a full handshake each time; needs"
                    + " --tls-ca). Valid: echo, churn, redis, redis-churn, socket-churn, tls-churn.")
    private Mode mode = Mode.ECHO;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "For tls-churn: the PEM CA certificate the server's certificate (for localhost) is checked"
                    + " against.")
    private Path tlsCa;

    @Option(names = "--allow-remote", description = "Allow a target that is not a loopback address.")
    private boolean allowRemote;

    private final PrintStream out;
    private final PrintStream err;

    LoadGenerator(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the load; exits 0 when no reply was wrong, 1 otherwise, 2 on bad options. */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Parses {@code args} and runs the load, printing to the given streams; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        return new CommandLine(new LoadGenerator(out, err)).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            err.println("bench: unknown host " + host);
            return 2;
        }
        if (!address.isLoopbackAddress() && !allowRemote) {
            err.println("bench: " + host + " is not a loopback address; load tests target only this machine"
                    + " unless --allow-remote is given");
            return 2;
        }
        if (connections < 1 || pipeline < 1 || durationSeconds < 1 || warmupSeconds < 0) {
            err.println("bench: connections, pipeline and duration must be at least 1, warm-up at least 0");
            return 2;
        }
        LoadRun.Result result;
        if (mode == Mode.SOCKET_CHURN || mode == Mode.TLS_CHURN) {
            if (mode == Mode.TLS_CHURN && tlsCa == null) {
                err.println("bench: tls-churn needs --tls-ca FILE");
                return 2;
            }
            result = new SocketChurn(new InetSocketAddress(address, port),
                    mode == Mode.TLS_CHURN ? TrustedCertificates.sslContext(tlsCa) : null, connections, warmupSeconds,
                    durationSeconds, out).run(mode.label());
        } else {
            result = new LoadRun(new InetSocketAddress(address, port), mode, connections,
                    mode.churn ? 1 : pipeline, warmupSeconds, durationSeconds, out).run();
        }
        out.println(result.summary());
        return result.errors() == 0 ? 0 : 1;
    }

    /** What each connection does. */
    enum Mode {
        /** HELO once, then ECHO requests, {@code --pipeline} at a time. */
        ECHO(LoadRun.Script.HELO, false),
        /** Whole sessions: connect, HELO, ECHO, BYE, wait for the server to close. */
        CHURN(LoadRun.Script.HELO, true),
        /** redis-server's inline protocol: PING once, then PING requests, {@code --pipeline} at a time. */
        REDIS(LoadRun.Script.REDIS, false),
        /** Whole redis-server sessions: connect, PING, PING, QUIT, wait for the server to close. */
        REDIS_CHURN(LoadRun.Script.REDIS, true),
        /** Whole sessions on blocking sockets, a thread per connection: the plaintext side of tls-churn. */
        SOCKET_CHURN(LoadRun.Script.HELO, true),
        /** Whole sessions inside TLS on blocking sockets, each with a full handshake. */
        TLS_CHURN(LoadRun.Script.HELO, true);

        final LoadRun.Script script;
        final boolean churn;

        Mode(LoadRun.Script script, boolean churn) {
            this.script = script;
            this.churn = churn;
        }

        /** The name as given on the command line. */
        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Reads a mode by its label, in any case. */
    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            for (Mode mode : Mode.values()) {
                if (mode.label().equalsIgnoreCase(value)) {
                    return mode;
                }
            }
            throw new CommandLine.TypeConversionException("expected one of echo, churn, redis, redis-churn, socket-churn, tls-churn but was '"
                    + value + "'");
        }
    }

    /** Reports the version the build put into the codec. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"HELO bench " + HeloProtocol.version()};
        }
    }
}
