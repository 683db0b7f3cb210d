package io.helo.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server the checker starts itself (a student's {@code python3 server.py}, which takes no arguments): started
 * by a {@link Launcher} (in a sandbox or not), its output drained into a capped log, waited for until it accepts
 * connections, and stopped by PID with all it started.
 */
public final class ServerUnderTest implements AutoCloseable {
    /** How long the checker watches a server after its readiness probe left, before the cases begin. */
    private static final Duration PROBE_AFTERMATH = Duration.ofMillis(300);

    private final Process process;
    private final Path log;
    private final CapturedOutput output;
    private Thread stopper;
    private boolean diedAfterProbe;

    private ServerUnderTest(Process process, Path log, CapturedOutput output) {
        this.process = process;
        this.log = log;
        this.output = output;
    }

    /**
     * Starts {@code command} with {@code launcher}, with {@code HELO_PORT} in its environment, its output (up to
     * {@code outputCap} octets) in {@code log} (null: none kept), and waits until {@code host:port} accepts a
     * connection.
     *
     * @throws IOException if it cannot be started, exits first, or does not listen within {@code within}
     */
    public static ServerUnderTest start(Launcher launcher, List<String> command, String host, int port,
            Duration within, Path log, long outputCap) throws IOException {
        if (accepts(host, port)) {
            throw new IOException("something already listens on " + host + ":" + port
                    + ": stop it first, or the checker would grade it instead");
        }
        // HELO_PORT: for servers that can be told their port
        Process process = launcher.start(command, Map.of("HELO_PORT", String.valueOf(port)));
        ServerUnderTest server = new ServerUnderTest(process, log,
                CapturedOutput.drain(process.getInputStream(), log, outputCap, "server"));
        Thread stopper = new Thread(server::close, "stop-server-under-test");
        Runtime.getRuntime().addShutdownHook(stopper); // Ctrl-C on the checker stops the server it started too
        server.stopper = stopper;
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(host, port), 200);
                if (!process.isAlive()) { // whatever answered, it was not this program
                    throw new IOException("it exited with status " + process.exitValue() + server.where());
                }
                probe.close();
                // the probe left without a word, as some clients do: a server that dies of it is reported as such
                server.diedAfterProbe = process.waitFor(PROBE_AFTERMATH.toMillis(), TimeUnit.MILLISECONDS);
                return server;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                throw new IOException("interrupted", e);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    server.close();
                    throw new IOException("it exited with status " + process.exitValue() + " before listening on "
                            + host + ":" + port + server.where());
                }
                if (System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("it did not listen on " + host + ":" + port + " within "
                            + Show.duration(within) + server.where());
                }
                try {
                    process.waitFor(100, TimeUnit.MILLISECONDS); // ends early if it exits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    server.close();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    /** Why it is no longer running ("exited with status N"), or null while it runs. */
    public String gone() {
        return process.isAlive() ? null : "the server under test exited with status " + process.exitValue()
                + (diedAfterProbe ? " right after the checker's readiness probe, which connected and closed without"
                        + " sending a line (a server must go on serving when a client leaves without a word)" : "")
                + where();
    }

    /** As {@link #gone}, waiting up to {@code grace} for it to exit (a dying server closes its sockets first). */
    public String goneWithin(Duration grace) {
        if (!grace.isZero()) {
            try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return gone();
    }

    /** Where its standard output and error went, or null if they were only counted. */
    public Path log() {
        return log;
    }

    /** The end of what it printed (a few KiB at most). */
    public String lastOutput() {
        return output.tail();
    }

    /** Stops it (and whatever it started) by PID: SIGTERM, then SIGKILL after five seconds. */
    @Override
    public void close() {
        if (stopper != null && Thread.currentThread() != stopper) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will: it stops the server
            }
        }
        Processes.stop(process);
        try {
            output.awaitEnd(Duration.ofSeconds(5)); // the log is complete once every writer is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String where() {
        return log == null ? "" : " (its output: " + log + ")";
    }

    private static boolean accepts(String host, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException nothing) {
            return false;
        }
    }
}
