package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.Haproxy;
import io.helo.server.testing.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart loses nothing: two server processes behind a real HAProxy (leastconn, PROXY v2, HELO/BYE health
 * checks, redispatch), verified sessions running through it all along, each server in turn sent SIGTERM (with a
 * drain grace, during which it fails HAProxy's health checks but serves what HAProxy still sends) and started again
 * on its port. No session fails, and what the four server lifetimes logged adds up
 * to the sessions the clients completed.
 */
class RollingRestartIT {
    private static final int CLIENTS = 4;
    private static final Pattern DROPPED =
            Pattern.compile("INFO  stopped \\(.*, log lines dropped: (\\d+)\\)");
    // the load's clients all come from 127.0.0.1, hundreds a second: no per-client rate limit
    private static final String[] SERVER_OPTIONS = {"--proxy-protocol-from", "127.0.0.1/32", "--drain-grace", "5",
        "--drain-timeout", "5", "--linger-timeout", "1", "--log-rate", "0", "--max-connection-rate", "0"};

    private final List<ServerProcess> servers = new ArrayList<>();
    private final AtomicBoolean loadRuns = new AtomicBoolean(true);
    private final ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
    private Haproxy haproxy;

    @BeforeEach
    void requireHaproxy() {
        Haproxy.require();
    }

    @AfterEach
    void stop() throws Exception {
        loadRuns.set(false);
        load.shutdownNow();
        if (haproxy != null) {
            haproxy.close();
        }
        for (ServerProcess server : servers) {
            server.close();
        }
    }

    @Test
    void shouldLoseNoSessionWhileEachServerIsRestartedInTurn() throws Exception {
        int[] ports = {Haproxy.freePort(), Haproxy.freePort()};
        ServerProcess[] current = {start(ports[0]), start(ports[1])};
        int frontend = Haproxy.freePort();
        haproxy = Haproxy.start(
                "defaults",
                "  mode tcp",
                "  retries 3",
                "  option redispatch",
                "  timeout connect 2s",
                // without it a check has only its interval (200 ms) to be answered: a busy machine marks both down
                "  timeout check 2s",
                "  timeout client 30s",
                "  timeout server 30s",
                "  timeout check 2s", // else the check's timeout is inter, 200 ms: a loaded machine fails it
                "frontend helo",
                "  bind 127.0.0.1:" + frontend,
                "  default_backend helo",
                "backend helo",
                "  balance leastconn",
                "  option tcp-check",
                "  tcp-check send \"HELO haproxy-check\\r\\n\"",
                "  tcp-check expect string \"Hello haproxy-check, pleased to meet you.\"",
                "  tcp-check send \"BYE\\r\\n\"",
                "  tcp-check expect string \"See ya later\"",
                "  server a 127.0.0.1:" + ports[0] + " send-proxy-v2 check inter 200ms fall 1 rise 2",
                "  server b 127.0.0.1:" + ports[1] + " send-proxy-v2 check inter 200ms fall 1 rise 2");
        await().atMost(Duration.ofSeconds(30)).until(() -> haproxy.serversUp(Set.of("a", "b")) == 2);

        AtomicInteger completed = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> clients = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // bounded whatever happens
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(load.submit(() -> {
                for (int n = 0; loadRuns.get() && System.nanoTime() < deadline && n < 100_000; n++) {
                    String outcome = session(frontend, client + "-" + n);
                    if (outcome == null) {
                        completed.incrementAndGet();
                    } else {
                        failures.add(outcome);
                    }
                }
            }));
        }

        for (int i = 0; i < 2; i++) {
            int servedBefore = completed.get();
            ServerProcess stopping = current[i];
            stopping.terminate(); // SIGTERM mid-load
            assertThat(stopping.exitStatus(Duration.ofSeconds(60))).isZero();
            current[i] = start(ports[i]);
            ServerProcess restarted = current[i];
            await().atMost(Duration.ofSeconds(60)).until(() -> haproxy.serversUp(Set.of("a", "b")) == 2 && sessionsLogged(restarted) > 0
                    && completed.get() > servedBefore + 100);
        }
        loadRuns.set(false);
        for (Future<?> client : clients) {
            client.get(60, TimeUnit.SECONDS);
        }
        for (ServerProcess server : current) {
            server.terminate();
            assertThat(server.exitStatus(Duration.ofSeconds(60))).isZero();
        }

        assertThat(failures).as("failed or wrong sessions").isEmpty();
        int logged = servers.stream().mapToInt(RollingRestartIT::sessionsLogged).sum();
        // the shipped log drops lines rather than wait for a slow reader, and the server says how many at its stop
        int dropped = servers.stream().mapToInt(RollingRestartIT::linesDropped).sum();
        System.out.printf("rolling restart: %d sessions through HAProxy, 0 failed; per server lifetime: %s%n",
                completed.get(), servers.stream().map(s -> String.valueOf(sessionsLogged(s))).toList());
        if (dropped == 0) {
            assertThat(logged).as(() -> "sessions the four server lifetimes logged; " + lifetimes())
                    .isEqualTo(completed.get());
        } else {
            assertThat(completed.get()).as(() -> "sessions, against those logged and the log lines dropped; "
                    + lifetimes()).isBetween(logged, logged + dropped);
        }
    }

    /** One verified session through HAProxy; null if every reply was right, else what went wrong. */
    private static String session(int port, String tag) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            String[][] exchanges = {{"HELO load", "Hello load, pleased to meet you."}, {"ECHO " + tag, tag},
                {"REQIP", "127.0.0.1"}, {"BYE", "See ya later"}};
            for (String[] exchange : exchanges) {
                out.write((exchange[0] + "\r\n").getBytes(StandardCharsets.UTF_8));
                String reply = in.readLine();
                if (!exchange[1].equals(reply)) {
                    return tag + ": " + exchange[0] + " got " + reply;
                }
            }
            return in.read() == -1 ? null : tag + ": more after BYE";
        } catch (IOException e) {
            return tag + ": " + e;
        }
    }

    private ServerProcess start(int port) throws Exception {
        List<String> options = new ArrayList<>(List.of("--port", String.valueOf(port)));
        options.addAll(List.of(SERVER_OPTIONS));
        ServerProcess server = ServerProcess.start(List.of(), options.toArray(String[]::new));
        servers.add(server);
        return server;
    }

    /** The log lines this server lifetime dropped, as its last line says (nothing if none). */
    private static int linesDropped(ServerProcess server) {
        return server.output().stream().map(DROPPED::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
    }

    /** For a failure's message: each lifetime's load sessions by how they ended, and its last lines. */
    private String lifetimes() {
        StringBuilder text = new StringBuilder();
        for (ServerProcess server : servers) {
            List<String> output = server.output();
            Map<String, Long> ends = output.stream().filter(line -> line.contains(": HELO load,"))
                    .map(line -> line.replaceAll(".* disconnected (\\([^)]*\\) after \\d+ requests).*", "$1"))
                    .collect(Collectors.groupingBy(end -> end, TreeMap::new,
                            Collectors.counting()));
            text.append("\nlifetime: ").append(output.size()).append(" lines, load sessions ").append(ends)
                    .append(", last lines:\n  ")
                    .append(String.join("\n  ", output.subList(Math.max(0, output.size() - 4), output.size())));
        }
        return text.toString();
    }

    /** The load's sessions this server lifetime has logged as ended by BYE after its four requests. */
    private static int sessionsLogged(ServerProcess server) {
        return (int) server.output().stream().filter(line -> line.contains("disconnected (bye) after 4 requests")
                && line.contains(": HELO load, 0 errors")).count();
    }

}
