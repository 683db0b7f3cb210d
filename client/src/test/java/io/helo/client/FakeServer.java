package io.helo.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A scripted server for one connection: answers each request line by its command word from a table,
 * stays silent for commands not in it, hangs up on {@link #HANG_UP} or resets on {@link #RESET} (after the text
 * before it, if any), and closes after BYE only if told to. A reply under {@link #ON_CONNECT} is sent as soon as
 * the client connects (after the TLS handshake, on a TLS listener).
 */
final class FakeServer implements AutoCloseable {
    /** A reply that makes the fake close the connection instead of answering. */
    static final String HANG_UP = "(hang up)";
    /** A reply that makes the fake reset the connection (TCP RST) instead of answering. */
    static final String RESET = "(reset)";
    /** The key of a line sent before the client says anything. */
    static final String ON_CONNECT = "(connected)";

    private final ServerSocket listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final CompletableFuture<Void> done;
    private final CompletableFuture<SSLSession> handshake = new CompletableFuture<>();

    FakeServer(Map<String, String> replies, boolean closeAfterBye) throws IOException {
        this(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), replies, closeAfterBye);
    }

    /** A fake answering on {@code listener}: on an {@link javax.net.ssl.SSLServerSocket}, inside TLS. */
    FakeServer(ServerSocket listener, Map<String, String> replies, boolean closeAfterBye) {
        this.listener = listener;
        done = CompletableFuture.runAsync(() -> serve(replies, closeAfterBye), thread);
    }

    /** The TLS session once the handshake is done; failed with the server's side of the story if it failed. */
    CompletableFuture<SSLSession> handshake() {
        return handshake;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The client's connection, each line sent at once: a reset right after a line must not overtake it. */
    private Socket accepted() throws IOException {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        return socket;
    }

    private void serve(Map<String, String> replies, boolean closeAfterBye) {
        try (Socket socket = accepted();
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
                handshake.complete(tls.getSession());
            }
            OutputStream out = socket.getOutputStream();
            for (String line = ON_CONNECT; line != null; line = in.readLine()) {
                String command = line.split(" ", 2)[0];
                String reply = replies.get(command);
                if (reply != null && reply.endsWith(HANG_UP)) {
                    out.write(reply.substring(0, reply.length() - HANG_UP.length()).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                if (reply != null && reply.endsWith(RESET)) {
                    out.write(reply.substring(0, reply.length() - RESET.length()).getBytes(StandardCharsets.UTF_8));
                    socket.setSoLinger(true, 0); // the close right after the text sends a reset, not a FIN
                    return;
                }
                if (reply != null) {
                    out.write(reply.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                if (command.equals("BYE") && closeAfterBye) {
                    return;
                }
            }
        } catch (IOException e) {
            handshake.completeExceptionally(e);
            // the client hung up: nothing more to do
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        done.cancel(true);
        thread.shutdownNow();
    }
}
