package io.helo.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A real HAProxy for a test: started with a configuration, asked over its stats socket, stopped by PID. */
public final class Haproxy implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final Path work;

    private Haproxy(Process process, Path work) {
        this.process = process;
        this.work = work;
    }

    /** Skips the test with the reason when HAProxy is not installed, except under CI, where it fails it. */
    public static void require() {
        if (!Files.isExecutable(BINARY)) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("HAProxy is required under CI: apt-get install -y haproxy");
            }
            Assumptions.abort("HAProxy is not installed (apt-get install -y haproxy): skipping this test");
        }
    }

    /** Starts HAProxy with a {@code global} section of its own (the stats socket) followed by {@code sections}. */
    public static Haproxy start(String... sections) throws IOException {
        Path work = Files.createTempDirectory("haproxy-test");
        List<String> config = new ArrayList<>(List.of("global",
                "  stats socket " + work.resolve("admin.sock") + " mode 600 level admin"));
        config.addAll(List.of(sections));
        config.add("");
        Path file = work.resolve("haproxy.cfg");
        Files.writeString(file, String.join("\n", config));
        Process process = new ProcessBuilder(BINARY.toString(), "-f", file.toString(), "-db")
                .redirectErrorStream(true).redirectOutput(work.resolve("haproxy.log").toFile()).start();
        return new Haproxy(process, work);
    }

    /** A free port on 127.0.0.1, for a frontend or a server HAProxy is told of before it starts. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** How many of the servers named {@code names} HAProxy reports UP, in any backend. */
    public int serversUp(Set<String> names) {
        try (SocketChannel stats = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            stats.connect(UnixDomainSocketAddress.of(work.resolve("admin.sock")));
            stats.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            while (stats.read(in) >= 0 && in.hasRemaining()) {
                // until HAProxy closes the socket
            }
            int up = 0;
            for (String line : new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).split("\n")) {
                String[] cells = line.split(",");
                if (cells.length > 17 && names.contains(cells[1]) && cells[17].equals("UP")) {
                    up++;
                }
            }
            return up;
        } catch (IOException notYet) {
            return 0;
        }
    }

    @Override
    public void close() throws Exception {
        process.toHandle().destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.list(work)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(work);
    }
}
