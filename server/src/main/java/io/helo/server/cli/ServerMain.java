package io.helo.server.cli;

import io.helo.codec.HeloProtocol;
import io.helo.codec.SocketAddresses;
import io.helo.server.HeloServer;
import io.helo.server.Program;
import io.helo.server.ServerConfig;
import io.helo.server.config.Logging;
import io.helo.server.config.Shutdown;
import io.helo.server.ops.FatalErrors;
import io.helo.server.ops.DroppedLogLines;
import io.helo.server.ops.MetricsEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Command line entry point of the server: {@code java -jar server.jar [options]}. */
@Command(name = "server", versionProvider = ServerMain.Version.class,
        sortOptions = false, showDefaultValues = true, usageHelpAutoWidth = true,
        description = "Serves the HELO protocol (HELO, REQTIME, REQDATE, ECHO, REQIP, BYE) over TCP.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C (a second one cuts the drain short)",
                "1:could not listen (the reason is printed)", "2:invalid options",
                "3:a fatal JVM error, such as running out of memory (one line on standard error)"})
public final class ServerMain implements Callable<Integer> {
    /**
     * Configuring Logback takes longer than everything else the server does before it listens, so it runs on a
     * thread of its own from the first line of {@code main}; loggers asked for meanwhile are SLF4J substitutes
     * whose events are replayed, in order, once it is done. Not a static field: that would configure Logback
     * on the main thread before {@code main} even starts.
     */
    private static final Thread loggingInit = new Thread(() -> LoggerFactory.getILoggerFactory(), "helo-logging-init");

    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    @Spec
    private CommandSpec spec;

    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ServerMain(PrintStream err) {
        this.err = err;
    }

    /**
     * Runs the server until SIGTERM or Ctrl-C; exits 0 then, 1 if it cannot start, 2 on bad options, 3 on a fatal
     * JVM error such as running out of memory.
     *
     * @param args the command line options; {@code --help} lists them
     */
    public static void main(String[] args) {
        FatalErrors.install();
        // a TLS 1.2 client may ask to renegotiate as often as it likes, each a handshake's CPU on one connection; the
        // JDK reads this once, before its first TLS handshake (an operator may still say otherwise with -D)
        if (System.getProperty(REJECT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        }
        loggingInit.start();
        int status = run(System.out, System.err, args);
        LogFlush.flush();
        System.exit(status);
    }

    /** Parses {@code args} and runs the server, printing usage and errors to the given streams. */
    static int run(PrintStream out, PrintStream err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /**
     * The server's command line, as {@code main} runs it, with the options of every setting read from their tables:
     * for tools that document it (manual page, completion).
     *
     * @param out where usage and version go
     * @param err where errors go
     * @return the command line, not yet run
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandSpec command = CommandSpec.forAnnotatedObject(new ServerMain(err));
        ServerOptions.addTo(command);
        return new CommandLine(command)
                .setCommandName(Program.NAME)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, ignored) -> Failure.usage(e.getMessage()).report(err));
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            ServerConfig config = parse();
            HeloServer server = build(config);
            // armed before the server listens: a stop asked for as soon as it says so (a supervisor's, a test's)
            // drains; asked for during the start, it is served once the start is complete
            handleStopRequests(server, config);
            start(server, config);
            awaitStop(config);
            close(server);
            return 0;
        } catch (Failure failure) {
            return failure.report(err);
        } finally {
            stopped.countDown(); // the shutdown hook waits for this, also after a failure
        }
    }

    /** The configuration the options describe, with the logging they ask for set up. */
    private ServerConfig parse() throws InterruptedException {
        ServerConfig config;
        try {
            config = ServerOptions.toConfig(spec);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
        awaitLoggingInit(); // start() may warn, and SLF4J would replay earlier lines with a notice of its own
        LogFormat.apply(config.get(Logging.LOG_FORMAT));
        if (config.get(Logging.VERBOSE)) {
            LogFormat.verbose();
        }
        return config;
    }

    /** The server, with its TLS certificate and key read, if any. */
    private static HeloServer build(ServerConfig config) {
        try {
            return new HeloServer(config);
        } catch (IllegalArgumentException e) {
            throw new Failure(2, Program.NAME + ": " + e.getMessage()); // a file to fix, not an option: no pointer to --help
        }
    }

    /** Clients can connect from here on; and balancers and Prometheus, if asked. */
    private static void start(HeloServer server, ServerConfig config) {
        DroppedLogLines.install();
        List<InetSocketAddress> bound;
        try {
            bound = server.start();
        } catch (MetricsEndpoint.Unavailable e) {
            server.close();
            throw new Failure(1, Program.NAME + ": cannot serve metrics on " + SocketAddresses.format(e.address()) + ": "
                    + Failure.describe(e));
        } catch (IOException e) {
            server.close();
            List<InetSocketAddress> addresses = new ArrayList<>(config.bindAddresses());
            addresses.addAll(config.tlsAddresses());
            throw new Failure(1, Program.NAME + ": cannot listen on " + format(addresses) + ": " + Failure.describe(e));
        }
        Logger log = LoggerFactory.getLogger(ServerMain.class);
        String tls = server.tlsAddresses().isEmpty() ? "" : ", TLS on " + format(server.tlsAddresses());
        log.info("HELO server {} listening on {}{}", HeloProtocol.version(), format(bound), tls);
        server.metricsAddress().ifPresent(address ->
                log.info("metrics on http://{}/metrics, health on /health", SocketAddresses.format(address)));
    }

    /** SIGTERM or Ctrl-C asks for a stop (a second one cuts the drain short); SIGHUP reloads the TLS certificate. */
    private void handleStopRequests(HeloServer server, ServerConfig config) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // any other way the JVM is asked to stop (SIGHUP without TLS, System.exit elsewhere): drain all the same
            stopRequested.countDown();
            awaitQuietly(stopped, drainTime(config).plusSeconds(5));
            LogFlush.flush();
        }, "helo-shutdown"));
        AtomicInteger signals = new AtomicInteger();
        StopSignals.install(() -> {
            if (signals.incrementAndGet() == 1) {
                stopRequested.countDown();
            } else {
                LoggerFactory.getLogger(ServerMain.class).info("asked again to stop: closing every connection now");
                server.cutDrainShort();
            }
        });
        if (!config.tlsAddresses().isEmpty()) {
            StopSignals.onReload(server::reloadCertificate); // SIGHUP: as nginx and Postfix, reload, not stop
        }
    }

    /** Waits for a stop to be asked for. */
    private void awaitStop(ServerConfig config) throws InterruptedException {
        stopRequested.await();
        LoggerFactory.getLogger(ServerMain.class).info("shutting down: no new connections, draining for up to {} s",
                drainTime(config).toSeconds());
    }

    private static Duration drainTime(ServerConfig config) {
        return config.get(Shutdown.DRAIN_GRACE).plus(config.get(Shutdown.DRAIN_TIMEOUT));
    }

    /** Drains and stops the server (its /health says 503 from the start), and says what it did. */
    private void close(HeloServer server) {
        server.close();
        long dropped = server.counters().logLinesDropped();
        LoggerFactory.getLogger(ServerMain.class).info("stopped (connections served: {}, requests answered: {}{})",
                server.counters().totalConnections(), server.counters().requests(),
                dropped == 0 ? "" : ", log lines dropped: " + dropped);
    }

    private static String format(List<InetSocketAddress> addresses) {
        return addresses.stream().map(SocketAddresses::format).collect(Collectors.joining(", "));
    }

    private static void awaitLoggingInit() throws InterruptedException {
        if (loggingInit.getState() != Thread.State.NEW) {
            loggingInit.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
