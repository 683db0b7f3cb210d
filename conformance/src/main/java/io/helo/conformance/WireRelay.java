package io.helo.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The checker's recording relay between a client in a network of its own and a server on the checker's loopback: it
 * takes each connection the client's side passes to a Unix-domain socket and opens one to the server for it, passes
 * the octets both ways as they come, a half-close as a half-close, and records them in order: at most
 * {@value #CAP} octets each way of each of the first {@value #RECORDED} connections (as the reply reader holds at
 * most that of a reply), the rest passed on, counted and not kept.
 */
final class WireRelay implements AutoCloseable {
    /**
     * The pause after which octets without a line end were a complete line to their sender (PROTOCOL.md 2.1): the
     * other side has answered them by then. Shorter than any quiet period a peer waits, so a pause is never missed.
     */
    static final Duration QUIET = Duration.ofMillis(250);
    /** The octets kept of each direction of a connection. */
    static final int CAP = 64 * 1024;
    /** The connections recorded; later ones are relayed and counted. */
    static final int RECORDED = 8;
    /** The connections relayed at all: a client opening more has the rest closed at once. */
    static final int RELAYED = 16;
    /** The transcript's entries shown; the rest are counted. */
    static final int SHOWN = 400;

    /** One recorded connection: what went each way, whether each side ended. */
    static final class Connection {
        private final int number;
        private final ByteArrayOutputStream up = new ByteArrayOutputStream();
        private final ByteArrayOutputStream down = new ByteArrayOutputStream();
        private long dropped;
        private final List<Integer> upPauses = new ArrayList<>();
        private final List<Integer> downPauses = new ArrayList<>();
        private volatile boolean clientEnded;
        private volatile boolean serverEnded;
        private volatile String problem;
        private final CountDownLatch done = new CountDownLatch(2);

        Connection(int number) {
            this.number = number;
        }

        /** What the client sent, as recorded. */
        synchronized byte[] sent() {
            return up.toByteArray();
        }

        /** What the server sent back, as recorded. */
        synchronized byte[] received() {
            return down.toByteArray();
        }

        /**
         * Where the client's octets ({@code fromClient}) or the server's paused for {@link #QUIET} or more without a
         * line end: offsets into what was recorded, where a peer takes what came before as a complete line.
         */
        synchronized List<Integer> pauses(boolean fromClient) {
            return List.copyOf(fromClient ? upPauses : downPauses);
        }

        /** True if either direction went on past what is recorded. */
        synchronized boolean truncated() {
            return dropped > 0;
        }

        /** True if the server ended its side (closed, or half-closed). */
        boolean serverEnded() {
            return serverEnded;
        }

        /** True if the client ended its side. */
        boolean clientEnded() {
            return clientEnded;
        }

        /** Why the relay could not reach the server for it, or null. */
        String problem() {
            return problem;
        }

        private synchronized int keep(boolean fromClient, byte[] octets, int count, boolean afterPause) {
            ByteArrayOutputStream to = fromClient ? up : down;
            if (afterPause && to.size() > 0 && to.size() < CAP) {
                (fromClient ? upPauses : downPauses).add(to.size());
            }
            int kept = Math.max(0, Math.min(count, CAP - to.size()));
            to.write(octets, 0, kept);
            dropped += count - kept;
            return kept;
        }
    }

    private final ServerSocketChannel listener;
    private final InetSocketAddress server;
    private final List<Connection> connections = new ArrayList<>();
    private final List<String> wire = new ArrayList<>();
    private final List<SocketChannel> open = new ArrayList<>();
    private int accepted;
    private int omitted;

    private WireRelay(ServerSocketChannel listener, InetSocketAddress server) {
        this.listener = listener;
        this.server = server;
    }

    /** Listens on the Unix-domain socket {@code socket} (which must not exist), relaying to {@code server}. */
    static WireRelay start(Path socket, InetSocketAddress server) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        Sandbox.own(socket); // the client's side connects as the sandbox's user
        WireRelay relay = new WireRelay(listener, server);
        Thread acceptor = new Thread(relay::accept, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return relay;
    }

    /** The first connection, or null if the client never connected. */
    synchronized Connection first() {
        return connections.isEmpty() ? null : connections.get(0);
    }

    /** How many connections the client made. */
    synchronized int connections() {
        return accepted;
    }

    /**
     * The wire as a transcript, one entry a line or event: {@code N>} what the client sent, {@code N<} what the server
     * sent, {@code N=} what happened, {@code N} the connection; each line escaped and quoted.
     */
    synchronized List<String> transcript() {
        List<String> shown = new ArrayList<>(wire);
        if (omitted > 0) {
            shown.add("(" + omitted + " more entries not shown)");
        }
        return shown;
    }

    /** Waits up to {@code within} for every recorded connection to end both ways; true if they did. */
    boolean awaitEnd(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (Connection c : snapshot()) {
            if (!c.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closeQuietly(listener);
        List<SocketChannel> channels;
        synchronized (this) {
            channels = List.copyOf(open);
        }
        channels.forEach(WireRelay::closeQuietly);
    }

    private synchronized List<Connection> snapshot() {
        return List.copyOf(connections);
    }

    private void accept() {
        while (listener.isOpen()) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Connection connection;
            synchronized (this) {
                accepted++;
                connection = accepted <= RECORDED ? new Connection(accepted) : null;
                if (connection != null) {
                    connections.add(connection);
                }
                entry(accepted + "= the client connected");
                open.add(client);
            }
            if (accepted > RELAYED) {
                closeQuietly(client);
                continue;
            }
            SocketChannel upstream;
            try {
                upstream = SocketChannel.open(server);
                synchronized (this) {
                    open.add(upstream);
                }
            } catch (IOException e) {
                if (connection != null) {
                    connection.problem = "the relay could not connect to the server: " + e.getMessage();
                    note(connection, connection.problem);
                    connection.done.countDown();
                    connection.done.countDown();
                }
                closeQuietly(client);
                continue;
            }
            pump(client, upstream, connection, true);
            pump(upstream, client, connection, false);
        }
    }

    private void pump(SocketChannel from, SocketChannel to, Connection connection, boolean fromClient) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            LineCutter lines = new LineCutter();
            long last = System.nanoTime();
            boolean lineOpen = false;
            boolean passing = true; // until the other side cannot take more: then what comes is still recorded
            try {
                while (from.read(buffer.clear()) >= 0) {
                    buffer.flip();
                    int count = buffer.remaining();
                    long now = System.nanoTime();
                    boolean afterPause = lineOpen && now - last >= QUIET.toNanos();
                    last = now;
                    lineOpen = count > 0 && buffer.get(count - 1) != '\n';
                    int kept = connection == null ? 0 : connection.keep(fromClient, buffer.array(), count,
                            afterPause);
                    lines.add(buffer.array(), kept, connection, fromClient);
                    lines.flush(connection, fromClient); // octets without a line end: shown as they came, in order
                    passing = passing && pass(buffer, to, connection, fromClient);
                }
                if (connection != null) {
                    lines.flush(connection, fromClient);
                    note(connection, fromClient ? "the client ended its side" : "the server ended its side");
                }
                if (passing) {
                    to.shutdownOutput();
                }
            } catch (IOException e) {
                if (connection != null) {
                    lines.flush(connection, fromClient);
                    note(connection, (fromClient ? "from the client: " : "from the server: ") + e.getMessage());
                }
                closeQuietly(from);
                closeQuietly(to);
            } finally {
                if (connection != null) {
                    if (fromClient) {
                        connection.clientEnded = true;
                    } else {
                        connection.serverEnded = true;
                    }
                    connection.done.countDown();
                }
            }
        }, fromClient ? "relay-up" : "relay-down");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Passes {@code buffer} on to {@code to}; false (and noted) if that side cannot take it any more, as when a client
     * closed without reading its replies: the server's octets are then still read and recorded, not passed on.
     */
    private boolean pass(ByteBuffer buffer, SocketChannel to, Connection connection, boolean fromClient) {
        try {
            while (buffer.hasRemaining()) {
                to.write(buffer);
            }
            return true;
        } catch (IOException e) {
            if (connection != null) {
                note(connection, "the " + (fromClient ? "server" : "client") + " took no more (" + e.getMessage()
                        + "): what follows is recorded, not passed on");
            }
            return false;
        }
    }

    private synchronized void note(Connection connection, String what) {
        entry(connection.number + "= " + what);
    }

    private synchronized void entry(String entry) {
        if (wire.size() < SHOWN) {
            wire.add(entry);
        } else {
            omitted++;
        }
    }

    /** Cuts one direction's octets into lines for the transcript, each after its LF, and at the end of each read. */
    private final class LineCutter {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        void add(byte[] octets, int count, Connection connection, boolean fromClient) {
            for (int i = 0; i < count; i++) {
                line.write(octets[i]);
                if (octets[i] == '\n') {
                    flush(connection, fromClient);
                }
            }
        }

        void flush(Connection connection, boolean fromClient) {
            if (connection != null && line.size() > 0) {
                String text = Show.text(new String(line.toByteArray(), StandardCharsets.UTF_8));
                entry(connection.number + (fromClient ? "> " : "< ") + text);
                line.reset();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
