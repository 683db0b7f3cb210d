package io.helo.server;

import ch.qos.logback.classic.Level;
import io.helo.codec.HeloProtocol;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** Command line entry point of the server: {@code java -jar server.jar [options]}. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = ServerMain.Version.class,
        sortOptions = false, showDefaultValues = true, usageHelpAutoWidth = true,
        description = "Serves the HELO protocol (HELO, REQTIME, REQDATE, ECHO, REQIP, BYE) over TCP.")
public final class ServerMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

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

    @Option(names = {"-v", "--verbose"}, description = "Log every request and reply (DEBUG).")
    private boolean verbose;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final PrintStream err;

    private ServerMain(PrintStream err) {
        this.err = err;
    }

    /** Runs the server until SIGTERM or Ctrl-C; exits 0 then, 1 if it cannot start, 2 on bad options. */
    public static void main(String[] args) {
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
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.helo")).setLevel(Level.DEBUG);
        }
        ServerConfig config;
        try {
            config = ServerConfig.defaults().withBindAddresses(bindAddresses()).withMaxLineLength(maxLineLength);
        } catch (IllegalArgumentException | UnknownHostException e) {
            err.println("server: " + e.getMessage());
            return 2;
        }
        HeloServer server = new HeloServer(config);
        try {
            List<InetSocketAddress> bound = server.start();
            LOG.info("HELO server {} listening on {}", HeloProtocol.version(),
                    bound.stream().map(Endpoints::format).collect(Collectors.joining(", ")));
        } catch (IOException e) {
            server.close();
            String where = config.bindAddresses().stream().map(Endpoints::format).collect(Collectors.joining(", "));
            err.println("server: cannot listen on " + where + ": " + describe(e));
            return 1;
        }
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
        stopRequested.await();
        LOG.info("shutting down");
        server.close();
        LOG.info("stopped");
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

    /** Reports the version the build put into the codec. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"HELO server " + HeloProtocol.version()};
        }
    }
}
