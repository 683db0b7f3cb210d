package io.helo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for redis-server's inline protocol on loopback: PING gets +PONG, QUIT gets +OK and a close. */
final class InlinePingServer implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger quits = new AtomicInteger();

    InlinePingServer() throws IOException {
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** QUITs answered so far. */
    int quits() {
        return quits.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("QUIT")) {
                    out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    quits.incrementAndGet();
                    return;
                }
                out.write((line.equals("PING") ? "+PONG\r\n" : "-ERR unknown command\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // the load generator closes its connections when its time is up
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
