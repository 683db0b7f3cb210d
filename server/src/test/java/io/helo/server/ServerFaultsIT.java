package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged server run as an operator runs it, pushed where things fail: a second stop signal, an open-file
 * limit far below its connection limit, a heap too small for what clients make it hold. Loopback only; every loop
 * bounded in count and time.
 */
class ServerFaultsIT {
    private static final byte[] ECHOES = ("ECHO " + "x".repeat(70) + "\r\n").repeat(200).getBytes(StandardCharsets.US_ASCII);

    private final List<SocketChannel> channels = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeClients() throws IOException {
        for (SocketChannel channel : channels) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.close();
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void shouldCutTheDrainShortOnASecondSignalAndExitZero() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of(), "--drain-timeout", "3600", "--write-timeout",
                "3600")) {
            SocketChannel stuck = nonReadingClient(server.address());
            fill(List.of(stuck)); // its replies wait unsent: the drain would wait the whole hour for it
            server.terminate();
            await().atMost(Duration.ofSeconds(30)).until(() -> server.output().stream()
                    .anyMatch(line -> line.contains("INFO  shutting down")));
            assertThat(server.isAlive()).as("draining").isTrue();
            server.terminate();
            assertThat(server.exitStatus(Duration.ofSeconds(60))).isZero();
            assertThat(server.output()).anyMatch(line -> line.contains("INFO  asked again to stop: closing every"
                    + " connection now")).anyMatch(line -> line.contains("INFO  stopped ("));
        }
    }

    @Test
    void shouldServeWhatTheOpenFileLimitAllowsAndAnswerEveryOtherConnectionBusy() throws Exception {
        // 400 connections from one address at once: only the open-file limit is under test
        try (ServerProcess server = ServerProcess.startWithOpenFileLimit(256, List.of(),
                "--max-connections-per-ip", "10000", "--max-connection-rate", "0")) {
            assertThat(server.output()).anyMatch(line -> line.contains("WARN  --max-connections 10000 is more than"
                    + " the open-file limit allows (256 descriptors,"));
            int greeted = 0;
            int busy = 0;
            for (int i = 0; i < 400; i++) {
                Socket socket = connect(server.address());
                socket.getOutputStream().write("HELO x\r\n".getBytes(StandardCharsets.US_ASCII));
                String line = readLine(socket.getInputStream());
                if (line.equals("Hello x, pleased to meet you.\r\n")) {
                    greeted++;
                } else {
                    assertThat(line).isEqualTo("ERR busy too many connections, try again later\r\n");
                    busy++;
                }
            }
            System.out.printf("open-file limit 256: %d served at once, %d answered busy%n", greeted, busy);
            assertThat(greeted).isBetween(100, 256);
            assertThat(busy).isEqualTo(400 - greeted);
            assertThat(server.output()).noneMatch(line -> line.contains("Exception") || line.contains("ERROR"));
        }
    }

    @Test
    void shouldAnswerBusyWithItsSpareDescriptorWhenAcceptRunsOutOfThem() throws Exception {
        // connections from a trusted proxy that never sends its header hold descriptors before admission
        try (ServerProcess server = ServerProcess.startWithOpenFileLimit(256, List.of(), "--proxy-protocol-from",
                "127.0.0.1", "--proxy-header-timeout", "3600")) {
            for (int i = 0; i < 300; i++) {
                connect(server.address());
            }
            // about 190 descriptors are free under the limit: the last 50 of 300 connections are past it
            for (Socket socket : sockets.subList(250, 300)) {
                assertThat(readLine(socket.getInputStream()))
                        .isEqualTo("ERR busy too many connections, try again later\r\n");
            }
            // the log is written by its own thread, so the warning may follow the replies by a moment
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.output())
                    .anyMatch(line -> line.contains("WARN  out of file descriptors: ")));
            List<String> output = server.output();
            assertThat(output).noneMatch(line -> line.contains("Exception") || line.contains("ERROR") || line.startsWith("\tat "));
            assertThat(output.stream().filter(line -> line.contains(" WARN ")).count()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void shouldExitWithStatusThreeAndOneLineWhenOutOfMemory() throws Exception {
        // the budget of held octets turned off, and a heap too small for what 1500 clients make it hold
        try (ServerProcess server = ServerProcess.start(List.of("-Xmx12m"), "--max-connections-per-ip", "5000",
                "--max-connection-rate", "0",
                "--max-held-bytes", "4611686018427387903", "--write-timeout", "3600")) {
            for (int i = 0; i < 1500 && server.isAlive(); i++) {
                try {
                    channels.add(nonReadingClient(server.address()));
                } catch (ConnectException gone) {
                    break; // out of memory already, with these clients alone: the exit status says so below
                }
            }
            fill(channels);
            assertThat(server.exitStatus(Duration.ofSeconds(60))).isEqualTo(3);
            assertThat(server.output()).contains("server: fatal: out of memory; exiting with status 3");
        }
    }

    /**
     * Writes to each client whenever its socket takes more, for at most 30 s, until the sockets stay full for 5 s
     * or the server is gone; a selector says when a socket has room, so nothing waits longer than it must.
     */
    private static void fill(List<SocketChannel> clients) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Selector writable = Selector.open()) {
            for (SocketChannel client : clients) {
                client.register(writable, SelectionKey.OP_WRITE);
            }
            for (int quietRounds = 0; quietRounds < 20 && System.nanoTime() < deadline && !writable.keys().isEmpty(); ) {
                quietRounds = writable.select(250) == 0 ? quietRounds + 1 : 0;
                for (SelectionKey key : writable.selectedKeys()) {
                    SocketChannel client = (SocketChannel) key.channel();
                    try {
                        client.write(ByteBuffer.wrap(ECHOES));
                    } catch (IOException gone) {
                        key.cancel(); // the server closed or died: nothing more to send it
                    }
                }
                writable.selectedKeys().clear();
            }
        }
    }

    private SocketChannel nonReadingClient(InetSocketAddress server) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        channel.connect(server);
        channel.write(ByteBuffer.wrap("HELO x\r\n".getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        return channel;
    }

    private Socket connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(server, 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != -1; ) {
            line.append((char) b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString();
    }
}
