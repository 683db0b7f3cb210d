package io.helo.server.cli;

import ch.qos.logback.classic.Level;
import io.helo.codec.HeloProtocol;
import io.helo.codec.SocketAddresses;
import io.helo.server.HeloServer;
import io.helo.server.ServerConfig;
import io.helo.server.ops.FatalErrors;
import io.helo.server.ops.LogDrops;
import io.helo.server.ops.MetricsEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** Command line entry point of the server: {@code java -jar server.jar [options]}. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = ServerMain.Version.class,
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

    @Mixin
    private ServerOptions options;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final PrintStream err;

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
     * The server's command line, as {@code main} runs it: for tools that document it (manual page, completion).
     *
     * @param out where usage and version go
     * @param err where errors go
     * @return the command line, not yet run
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        return new CommandLine(new ServerMain(err)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, ignored) -> usageError(err, e.getMessage()));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (options.logFormat() != LogFormat.TEXT) {
            awaitLoggingInit();
            options.logFormat().apply();
        }
        if (options.verbose()) {
            awaitLoggingInit(); // the level can only be set on Logback's own logger
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.helo")).setLevel(Level.DEBUG);
        }
        ServerConfig config;
        InetSocketAddress metricsAddress;
        try {
            config = options.toConfig();
            metricsAddress = options.metricsAddress();
        } catch (IllegalArgumentException | UnknownHostException e) {
            return usageError(err, e.getMessage());
        }
        awaitLoggingInit(); // start() may warn, and SLF4J would replay earlier lines with a notice of its own
        HeloServer server;
        try {
            server = new HeloServer(config); // reads the TLS certificate and key, if any
        } catch (IllegalArgumentException e) {
            err.println("server: " + e.getMessage()); // a file to fix, not an option: no pointer to --help
            return 2;
        }
        LogDrops.install();
        // armed before the server listens: a stop asked for as soon as it says so (a supervisor's, a test's) drains
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            handleStopRequests(server, config, stopped);
            return serve(server, config, metricsAddress);
        } finally {
            stopped.countDown();
        }
    }

    private void handleStopRequests(HeloServer server, ServerConfig config, CountDownLatch stopped) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // any other way the JVM is asked to stop (SIGHUP without TLS, System.exit elsewhere): drain all the same
            stopRequested.countDown();
            awaitQuietly(stopped, config.drainGrace().plus(config.drainTimeout()).plusSeconds(5));
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
        if (config.tls() != null) {
            StopSignals.onReload(server::reloadCertificate); // SIGHUP: as nginx and Postfix, reload, not stop
        }
    }

    private int serve(HeloServer server, ServerConfig config, InetSocketAddress metricsAddress)
            throws InterruptedException {
        try {
            List<InetSocketAddress> bound = server.start(); // clients can connect from here on
            String tls = server.tlsAddresses().isEmpty() ? "" : ", TLS on " + server.tlsAddresses().stream()
                    .map(SocketAddresses::format).collect(Collectors.joining(", "));
            LoggerFactory.getLogger(ServerMain.class).info("HELO server {} listening on {}{}", HeloProtocol.version(),
                    bound.stream().map(SocketAddresses::format).collect(Collectors.joining(", ")), tls);
        } catch (IOException e) {
            server.close();
            List<InetSocketAddress> addresses = new java.util.ArrayList<>(config.bindAddresses());
            if (config.tls() != null) {
                addresses.addAll(config.tls().bindAddresses());
            }
            String where = addresses.stream().map(SocketAddresses::format).collect(Collectors.joining(", "));
            err.println("server: cannot listen on " + where + ": " + describe(e));
            return 1;
        }
        AtomicBoolean serving = new AtomicBoolean(true);
        MetricsEndpoint metrics = null;
        if (metricsAddress != null) {
            try {
                metrics = MetricsEndpoint.start(metricsAddress, server.counters(), serving::get,
                        server::certificateExpiry);
                LoggerFactory.getLogger(ServerMain.class).info("metrics on http://{}/metrics, health on /health",
                        SocketAddresses.format(new InetSocketAddress(metricsAddress.getAddress(), metrics.port())));
            } catch (IOException e) {
                server.close();
                err.println("server: cannot serve metrics on " + SocketAddresses.format(metricsAddress) + ": "
                        + describe(e));
                return 1;
            }
        }
        stopRequested.await();
        Logger log = LoggerFactory.getLogger(ServerMain.class);
        serving.set(false); // /health says 503 from here: a balancer stops sending while the drain goes on
        log.info("shutting down: no new connections, draining for up to {} s",
                config.drainGrace().plus(config.drainTimeout()).toSeconds());
        server.close();
        if (metrics != null) {
            metrics.close();
        }
        long dropped = server.counters().logLinesDropped();
        log.info("stopped (connections served: {}, requests answered: {}{})", server.counters().totalConnections(),
                server.counters().requests(), dropped == 0 ? "" : ", log lines dropped: " + dropped);
        return 0;
    }

    /** Prints what was wrong with the command line, in one line, and where to read more; returns exit status 2. */
    private static int usageError(PrintStream err, String message) {
        err.println("server: " + message);
        err.println("Try 'server --help' for more information.");
        return 2;
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
