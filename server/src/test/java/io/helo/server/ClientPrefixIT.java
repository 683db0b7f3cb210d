package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many IPv6 addresses of one /64 against the per-client connection limit, in a network namespace the test makes (as
 * root: {@code unshare -n}), with the addresses on its own loopback and the packaged server in it: a /64 is one
 * client, two /64s are two, and the prefix option changes that. The server listens on port 8008 of that namespace,
 * which nothing else can see.
 */
class ClientPrefixIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String GREETED = "b'Hello probe, pleased to meet you.\\r\\n'";
    private static final String BUSY = "b'ERR busy too many connections, try again later\\r\\n'";
    private static final int PER_NETWORK = 12;

    @BeforeAll
    static void requireNamespaces() throws Exception {
        boolean possible;
        try {
            Process probe = new ProcessBuilder("unshare", "-n", "ip", "link", "set", "lo", "up")
                    .redirectErrorStream(true).start();
            possible = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0
                    && new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
        } catch (IOException e) {
            possible = false;
        }
        if (!possible) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("CI needs network namespaces (unshare -n, as root), iproute2 and python3");
            }
            Assumptions.abort("no network namespaces here (unshare -n as root), or no python3: skipping this test");
        }
    }

    @Test
    void shouldServeOnlyTheLimitToOneSlash64AndTheLimitToEachOfTwo() throws Exception {
        Map<String, Long> served = servedPerNetwork(List.of("--max-connections-per-ip", "5"));
        System.out.printf("--max-connections-per-ip 5, %d addresses in each of two /64s: served %s%n", PER_NETWORK,
                served);
        assertThat(served).containsEntry("1", 5L).containsEntry("2", 5L);
    }

    @Test
    void shouldCountBothNetworksAsOneClientWithPrefix48() throws Exception {
        Map<String, Long> served = servedPerNetwork(List.of("--max-connections-per-ip", "5", "--client-prefix-v6",
                "48"));
        System.out.printf("... with --client-prefix-v6 48: served %s%n", served);
        assertThat(served).containsEntry("1", 5L).containsEntry("2", 0L);
    }

    @Test
    void shouldRememberTheRateOfNoMoreNetworksThanTheTableHolds() throws Exception {
        // 400 /64s, one connection each, all held open; then a full GC and the server's live objects
        List<String> capped = histogram(List.of("--connection-rate-clients", "100"));
        List<String> uncapped = histogram(List.of());
        long cappedWindows = instances(capped, "io.helo.server.admission.ConnectionRate$Window");
        long uncappedWindows = instances(uncapped, "io.helo.server.admission.ConnectionRate$Window");
        System.out.printf("%d /64s, one connection each: --connection-rate-clients 100 keeps %d entries, live heap"
                + " %d KiB after GC; the default (100000) keeps %d, live heap %d KiB%n", NETWORKS, cappedWindows,
                liveBytes(capped) / 1024, uncappedWindows, liveBytes(uncapped) / 1024);
        assertThat(cappedWindows).isBetween(1L, 100L);
        assertThat(uncappedWindows).isGreaterThanOrEqualTo(NETWORKS); // the readiness probe's ::/64 besides
    }

    private static final int NETWORKS = 400;

    /**
     * Runs the server with {@code options} in a namespace, {@link #NETWORKS} /64s connect once each (every one
     * greeted), then the server's live objects after a full collection ({@code jcmd GC.class_histogram}).
     */
    private static List<String> histogram(List<String> options) throws Exception {
        Path probe = Files.createTempFile("prefix-probe", ".py");
        try (var in = ClientPrefixIT.class.getResourceAsStream("prefix-probe.py")) {
            Files.write(probe, in.readAllBytes());
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String script = String.join("\n",
                "set -e",
                "ip link set lo up",
                "for n in $(seq 1 " + NETWORKS + "); do printf 'addr add 2001:db8:0:%x::1/128 dev lo nodad\\n' $n;"
                        + " done | ip -6 -batch -",
                "\"$1\" -Xmx256m -jar target/server.jar --bind ::1 --port 8008 " + String.join(" ", options) + " &",
                "server=$!",
                "trap 'kill $server; wait $server || true' EXIT",
                "python3 \"$2\" 8008 1 $(for n in $(seq 1 " + NETWORKS + "); do printf '%x ' $n; done)",
                "\"$3\" $server GC.class_histogram");
        Process process = new ProcessBuilder("unshare", "-n", "bash", "-c", script, "bash", JAVA, probe.toString(),
                jcmd).redirectErrorStream(true).start();
        try {
            List<String> lines = new ArrayList<>();
            try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the namespace's script ends").isTrue();
            assertThat(lines.stream().filter(line -> line.endsWith(" " + GREETED))).as("greeted, in %s", lines)
                    .hasSize(NETWORKS);
            return lines;
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(probe);
        }
    }

    /** The live instances of {@code type} in a class histogram ({@code num: #instances #bytes class}). */
    private static long instances(List<String> histogram, String type) {
        return histogram.stream().map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length >= 4 && columns[3].equals(type))
                .mapToLong(columns -> Long.parseLong(columns[1])).sum();
    }

    /** The histogram's total live bytes. */
    private static long liveBytes(List<String> histogram) {
        return histogram.stream().map(String::trim).filter(line -> line.startsWith("Total"))
                .mapToLong(line -> Long.parseLong(line.split("\\s+")[2])).findFirst().orElseThrow();
    }

    /** Runs the server with {@code options} and the probe in a namespace; served connections per /64. */
    private static Map<String, Long> servedPerNetwork(List<String> options) throws Exception {
        Path probe = Files.createTempFile("prefix-probe", ".py");
        try (var in = ClientPrefixIT.class.getResourceAsStream("prefix-probe.py")) {
            Files.write(probe, in.readAllBytes());
        }
        String script = String.join("\n",
                "set -e",
                "ip link set lo up",
                "for n in 1 2; do for i in $(seq 1 " + PER_NETWORK + "); do",
                "  ip -6 addr add 2001:db8:0:$n::$(printf %x $i)/128 dev lo nodad",
                "done; done",
                "\"$1\" -jar target/server.jar --bind ::1 --port 8008 " + String.join(" ", options) + " &",
                "server=$!",
                "trap 'kill $server; wait $server || true' EXIT",
                "python3 \"$2\" 8008 " + PER_NETWORK + " 1 2");
        Process process = new ProcessBuilder("unshare", "-n", "bash", "-c", script, "bash", JAVA, probe.toString())
                .redirectErrorStream(true).start();
        try {
            List<String> lines = new ArrayList<>();
            try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the namespace's script ends").isTrue();
            List<String> replies = lines.stream().filter(line -> line.matches("[12] 2001:db8:\\S+ b'.*"))
                    .toList();
            assertThat(replies).as("every probe's first line, in: %s", lines).hasSize(2 * PER_NETWORK)
                    .allMatch(line -> line.endsWith(" " + GREETED) || line.endsWith(" " + BUSY));
            Map<String, Long> served = replies.stream().filter(line -> line.endsWith(GREETED))
                    .collect(Collectors.groupingBy(line -> line.substring(0, 1), Collectors.counting()));
            served.putIfAbsent("1", 0L);
            served.putIfAbsent("2", 0L);
            return served;
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(probe);
        }
    }
}
