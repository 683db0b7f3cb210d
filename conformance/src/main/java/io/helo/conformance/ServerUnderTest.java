package io.helo.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the checker starts itself (a student's {@code python3 server.py}, which takes no arguments): started
 * with its output in a log file, waited for until it accepts connections, and stopped by PID with its children.
 */
public final class ServerUnderTest implements AutoCloseable {
    private final Process process;
    private final Path log;
    private Thread stopper;

    private ServerUnderTest(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code directory}, with {@code HELO_PORT} in its environment, and waits until
     * {@code host:port} accepts a connection.
     *
     * @throws IOException if it cannot be started, exits first, or does not listen within {@code within}
     */
    public static ServerUnderTest start(List<String> command, Path directory, String host, int port, Duration within,
            Path log) throws IOException {
        if (accepts(host, port)) {
            throw new IOException("something already listens on " + host + ":" + port
                    + ": stop it first, or the checker would grade it instead");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Processes.nothing()));
        builder.environment().put("HELO_PORT", String.valueOf(port)); // for servers that can be told their port
        Process process = builder.start();
        ServerUnderTest server = new ServerUnderTest(process, log);
        Thread stopper = new Thread(server::close, "stop-server-under-test");
        Runtime.getRuntime().addShutdownHook(stopper); // Ctrl-C on the checker stops the server it started too
        server.stopper = stopper;
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(host, port), 200);
                if (!process.isAlive()) { // whatever answered, it was not this program
                    throw new IOException("it exited with status " + process.exitValue() + " (its output: " + log
                            + ")");
                }
                return server;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("it exited with status " + process.exitValue() + " before listening on "
                            + host + ":" + port + " (its output: " + log + ")");
                }
                if (System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("it did not listen on " + host + ":" + port + " within "
                            + Show.duration(within) + " (its output: " + log + ")");
                }
                try {
                    process.waitFor(100, TimeUnit.MILLISECONDS); // ends early if it exits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    /** Why it is no longer running ("exited with status N"), or null while it runs. */
    public String gone() {
        return process.isAlive() ? null : "the server under test exited with status " + process.exitValue()
                + " (its output: " + log + ")";
    }

    /** Where its standard output and error went. */
    public Path log() {
        return log;
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
