package io.helo.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server, {@code target/server.jar}, as a process of its own on a free port of 127.0.0.1: its output
 * collected line by line, its port read from its first line. Stopped by PID when closed.
 */
public final class ServerProcess implements AutoCloseable {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Pattern LISTENING = Pattern.compile(" listening on 127\\.0\\.0\\.1:(\\d+)"); // text or JSON
    private static final Pattern TLS = Pattern.compile(", TLS on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private volatile int tlsPort;
    private final CompletableFuture<Void> ended;

    private ServerProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ended = CompletableFuture.runAsync(this::collect, runnable -> new Thread(runnable, "server-output").start());
    }

    /** Starts the jar with {@code jvmOptions} and {@code options}, and waits until it listens. */
    public static ServerProcess start(List<String> jvmOptions, String... options) throws Exception {
        return start(null, jvmOptions, options);
    }

    /** As {@link #start(List, String...)}, under {@code ulimit -n openFiles} (a shell sets it, then execs Java). */
    public static ServerProcess startWithOpenFileLimit(int openFiles, List<String> jvmOptions, String... options)
            throws Exception {
        return start("ulimit -n " + openFiles, jvmOptions, options);
    }

    private static ServerProcess start(String shellFirst, List<String> jvmOptions, String... options) throws Exception {
        List<String> command = new ArrayList<>();
        if (shellFirst != null) {
            command.addAll(List.of("bash", "-c", shellFirst + " && exec \"$@\"", "bash"));
        }
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "target/server.jar", "--bind", "127.0.0.1"));
        if (!List.of(options).contains("--port")) {
            command.addAll(List.of("--port", "0")); // a free port, unless the test names one
        }
        command.addAll(List.of(options));
        ServerProcess server = new ServerProcess(command);
        server.port.get(60, TimeUnit.SECONDS);
        return server;
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port.join());
    }

    /** Where the server listens for TLS clients (started with {@code --tls-port}). */
    public InetSocketAddress tlsAddress() {
        port.join();
        if (tlsPort == 0) {
            throw new AssertionError("the server does not serve TLS: " + output);
        }
        return new InetSocketAddress("127.0.0.1", tlsPort);
    }

    /** Sends SIGHUP, as {@code systemctl reload} does. */
    public void hangUp() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** What the server has printed so far, line by line. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Sends SIGTERM, as a service manager does. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to end and returns its exit status, or throws if it has not within {@code timeout}. */
    public int exitStatus(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + timeout + "; it said:\n" + String.join("\n", output));
        }
        ended.get(10, TimeUnit.SECONDS);
        return process.exitValue();
    }

    /** True while the process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    Matcher tls = TLS.matcher(line);
                    if (tls.find()) {
                        tlsPort = Integer.parseInt(tls.group(1)); // on the same line, so set before the port
                    }
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
            port.completeExceptionally(new AssertionError("the server exited before listening: " + output));
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
    }
}
