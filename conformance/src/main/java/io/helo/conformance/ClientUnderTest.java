package io.helo.conformance;

import io.helo.conformance.ClientSession.Behaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a client under test against the played server: listens on the loopback addresses (IPv4 and, where there is
 * one, IPv6) at the port, starts the client with its input closed, serves its first connection, and stops it by PID
 * if it has not ended within the time limit.
 */
public final class ClientUnderTest {
    private ClientUnderTest() {
    }

    /**
     * Runs {@code command} with {@code launcher} against a server playing {@code behaviour} on {@code port} (0: a free
     * one). The port is also in the client's environment as {@code HELO_PORT}, and replaces {@code {port}} in the
     * command, for clients that can be told where to connect. Its output goes to {@code log} (null: none kept), up to
     * {@code outputCap} octets; the end of it is in the session.
     *
     * @param environment added to the client's environment
     * @throws IOException if the port cannot be listened on or the command cannot be started
     */
    public static ClientSession run(Launcher launcher, List<String> command, Map<String, String> environment, int port,
            Behaviour behaviour, Duration limit, Path log, long outputCap) throws IOException {
        List<ServerSocket> listeners = listen(port);
        int bound = listeners.get(0).getLocalPort();
        List<String> resolved = command.stream().map(word -> word.replace("{port}", String.valueOf(bound))).toList();
        long start = System.nanoTime();
        Process process;
        try {
            Map<String, String> env = new HashMap<>(environment);
            env.put("HELO_PORT", String.valueOf(bound));
            process = launcher.start(resolved, env);
        } catch (IOException e) {
            closeAll(listeners);
            throw e;
        }
        CapturedOutput output = CapturedOutput.drain(process.getInputStream(), log, outputCap, "client");
        PlayedServer played = new PlayedServer(behaviour);
        try {
            Socket socket = firstConnection(listeners, limit, process);
            closeAll(listeners); // one session is graded; later connections are refused
            Duration left = limit.minusNanos(System.nanoTime() - start);
            played.serve(socket, left.isNegative() ? Duration.ofMillis(1) : left);
            boolean exited = process.waitFor(Math.max(1, limit.toNanos() - (System.nanoTime() - start)),
                    TimeUnit.NANOSECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            int status = exited ? process.exitValue() : -1;
            Processes.stop(process); // what it left running, too
            output.awaitEnd(Duration.ofSeconds(5));
            return played.session(bound, exited, status, millis, output.tail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Processes.stop(process);
            throw new IOException("interrupted", e);
        } finally {
            closeAll(listeners);
        }
    }

    private static List<ServerSocket> listen(int port) throws IOException {
        List<ServerSocket> listeners = new ArrayList<>();
        listeners.add(new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")));
        try {
            listeners.add(new ServerSocket(listeners.get(0).getLocalPort(), 50, InetAddress.getByName("::1")));
        } catch (IOException noIpv6) {
            // a machine without IPv6 loopback: clients reach 127.0.0.1
        }
        return listeners;
    }

    /** The first connection on any listener, or null if none came while the client ran within {@code limit}. */
    private static Socket firstConnection(List<ServerSocket> listeners, Duration limit, Process process)
            throws InterruptedException {
        CompletableFuture<Socket> first = new CompletableFuture<>();
        for (ServerSocket listener : listeners) {
            Thread accept = new Thread(() -> {
                try {
                    Socket socket = listener.accept();
                    if (!first.complete(socket)) {
                        socket.close();
                    }
                } catch (IOException closed) {
                    // the listener was closed: another one won, or the time is up
                }
            }, "played-server-accept");
            accept.setDaemon(true);
            accept.start();
        }
        // a client that ends without connecting; one that connected and ended at once is still accepted first
        process.onExit().thenRunAsync(() -> first.complete(null),
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
        try {
            return first.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static void closeAll(List<ServerSocket> listeners) {
        for (ServerSocket listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                // closing: nothing to do
            }
        }
    }
}
