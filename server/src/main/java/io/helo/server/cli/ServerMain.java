package io.helo.server;

import ch.qos.logback.classic.Level;
import io.helo.codec.HeloProtocol;
import io.helo.codec.SocketAddresses;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Command line entry point of the server: {@code java -jar server.jar [options]}. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = ServerMain.Version.class,
        sortOptions = false, showDefaultValues = true, usageHelpAutoWidth = true,
        description = "Serves the HELO protocol (HELO, REQTIME, REQDATE, ECHO, REQIP, BYE) over TCP.")
public final class ServerMain implements Callable<Integer> {
    /**
     * Configuring Logback takes longer than everything else the server does before it listens, so it runs on a
     * thread of its own from the first line of {@code main}; loggers asked for meanwhile are SLF4J substitutes
     * whose events are replayed, in order, once it is done. Not a static field: that would configure Logback
     * on the main thread before {@code main} even starts.
     */
    private static final Thread loggingInit = new Thread(() -> LoggerFactory.getILoggerFactory(), "helo-logging-init");

    @Option(names = {"-p", "--port"}, defaultValue = "" + HeloProtocol.DEFAULT_PORT,
            description = "TCP port to listen on; 0 picks a free one.")
    private int port;

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDRESS", defaultValue = "*",
            description = "Address to listen on, repeatable; * means every interface, IPv4 and IPv6.")
    private List<String> bind = new ArrayList<>();

    @Option(names = "--max-line-length", paramLabel = "OCTETS",
            defaultValue = "" + HeloProtocol.DEFAULT_MAX_LINE_LENGTH,
            description = "Longest request line accepted, counting CRLF; longer lines get an error reply.")
    private int maxLineLength;

    @Option(names = "--max-discard", paramLabel = "OCTETS", defaultValue = "" + HeloProtocol.DEFAULT_MAX_DISCARD,
            description = "Octets of one over-long line discarded before the connection is closed.")
    private int maxDiscard;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "10",
            description = "Error replies after which a session is closed.")
    private int maxErrors;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Time without a complete request after which a session is closed.")
    private long idleTimeoutSeconds;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "10000",
            description = "Connections served at once; more are told the server is busy.")
    private int maxConnections;

    @Option(names = "--max-connections-per-ip", paramLabel = "N", defaultValue = "100",
            description = "Connections served at once from one client IP address.")
    private int maxConnectionsPerIp;

    @Option(names = "--max-unsent", paramLabel = "OCTETS", defaultValue = "65536",
            description = "Unsent reply octets above which the server stops reading from that client.")
    private int maxUnsent;

    @Option(names = "--write-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time a client with unsent replies may take none of them before it is closed.")
    private long writeTimeoutSeconds;

    @Option(names = "--linger-timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "After a session's last line, time the client has to close before the server does.")
    private long lingerTimeoutSeconds;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "On SIGTERM or Ctrl-C, time given to connections to close before they are cut.")
    private long drainTimeoutSeconds;

    @Option(names = "--proxy-protocol-from", paramLabel = "CIDR",
            showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Proxy address or range (repeatable) whose connections must start with a PROXY protocol"
                    + " v1 or v2 header; the header's client address is used for REQIP and logs. Default: none (off).")
    private List<String> proxyProtocolFrom = new ArrayList<>();

    @Option(names = "--proxy-header-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Time a trusted proxy has to send its PROXY header before the connection is closed.")
    private long proxyHeaderTimeoutSeconds;

    @Option(names = "--quiet-line-end", paramLabel = "MILLIS", defaultValue = "300",
            description = "For peers that send no line ends: bytes followed by this much silence count as a line;"
                    + " 0 turns it off.")
    private long quietLineEndMillis;

    @Option(names = "--stats-interval", paramLabel = "SECONDS", defaultValue = "0",
            description = "Log a summary of the counters at INFO this often; 0 means never. The counters are"
                    + " always readable over JMX as io.helo:type=HeloServer,port=PORT.")
    private long statsIntervalSeconds;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0",
            description = "I/O threads; 0 means one per CPU core.")
    private int ioThreads;

    @Option(names = {"-v", "--verbose"}, description = "Log every request and reply (DEBUG).")
    private boolean verbose;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final PrintStream err;

    private ServerMain(PrintStream err) {
        this.err = err;
    }

    /** Runs the server until SIGTERM or Ctrl-C; exits 0 then, 1 if it cannot start, 2 on bad options. */
    public static void main(String[] args) {
        loggingInit.start();
        System.exit(run(System.out, System.err, args));
    }

    /** Parses {@code args} and runs the server, printing usage and errors to the given streams. */
    static int run(PrintStream out, PrintStream err, String... args) {
        return new CommandLine(new ServerMain(err)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        if (verbose) {
            awaitLoggingInit(); // the level can only be set on Logback's own logger
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.helo")).setLevel(Level.DEBUG);
        }
        ServerConfig config;
        try {
            config = ServerConfig.builder().bindAddresses(bindAddresses()).maxLineLength(maxLineLength)
                    .maxDiscard(maxDiscard).maxErrors(maxErrors).idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                    .maxConnections(maxConnections).maxConnectionsPerAddress(maxConnectionsPerIp)
                    .maxUnsentBytes(maxUnsent).writeTimeout(Duration.ofSeconds(writeTimeoutSeconds))
                    .lingerTimeout(Duration.ofSeconds(lingerTimeoutSeconds))
                    .drainTimeout(Duration.ofSeconds(drainTimeoutSeconds))
                    .trustedProxies(proxyProtocolFrom.stream().map(Cidr::parse).collect(Collectors.toList()))
                    .proxyHeaderTimeout(Duration.ofSeconds(proxyHeaderTimeoutSeconds))
                    .quietLineEnd(Duration.ofMillis(quietLineEndMillis))
                    .statsInterval(Duration.ofSeconds(statsIntervalSeconds))
                    .ioThreads(ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors())
                    .build();
        } catch (IllegalArgumentException | UnknownHostException e) {
            err.println("server: " + e.getMessage());
            return 2;
        }
        HeloServer server = new HeloServer(config);
        try {
            List<InetSocketAddress> bound = server.start(); // clients can connect from here on
            awaitLoggingInit(); // SLF4J would replay earlier lines with a warning of its own
            LoggerFactory.getLogger(ServerMain.class).info("HELO server {} listening on {}", HeloProtocol.version(),
                    bound.stream().map(SocketAddresses::format).collect(Collectors.joining(", ")));
        } catch (IOException e) {
            server.close();
            String where = config.bindAddresses().stream().map(SocketAddresses::format).collect(Collectors.joining(", "));
            err.println("server: cannot listen on " + where + ": " + describe(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // any other way the JVM is asked to stop (SIGHUP, System.exit elsewhere): drain all the same
            stopRequested.countDown();
            awaitQuietly(stopped, config.drainTimeout().plusSeconds(5));
        }, "helo-shutdown"));
        StopSignals.install(stopRequested::countDown);
        stopRequested.await();
        Logger log = LoggerFactory.getLogger(ServerMain.class);
        log.info("shutting down: no new connections, draining for up to {} s", config.drainTimeout().toSeconds());
        server.close();
        log.info("stopped (connections served: {}, requests answered: {})", server.connectionsServed(),
                server.requestsAnswered());
        stopped.countDown();
        return 0;
    }

    private List<InetSocketAddress> bindAddresses() throws UnknownHostException {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String host : bind) {
            // resolved once at start-up, never on the request path
            addresses.add(host.equals("*") ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(host), port));
        }
        return addresses;
    }

    /** The root cause in a few words: MINA wraps the socket's BindException in an IOException of its own. */
    private static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof BindException && message.toLowerCase(Locale.ROOT).contains("in use")) {
            return "address already in use";
        }
        return message;
    }

    private static void awaitLoggingInit() throws InterruptedException {
        if (loggingInit.getState() != Thread.State.NEW) {
            loggingInit.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reports the version the build put into the codec. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"HELO server " + HeloProtocol.version()};
        }
    }
}
