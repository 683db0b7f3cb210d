package io.helo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One closed-loop run on one thread with a selector: each connection sends its requests, waits for every reply,
 * checks it, and goes again. Bounded by its duration; it closes every connection it opened.
 */
final class LoadRun {
    private final InetSocketAddress target;
    private final LoadGenerator.Mode mode;
    private final Script script;
    private final int connections;
    private final int pipeline;
    private final long warmupNanos;
    private final long durationNanos;
    private final PrintStream out;
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private long operations;
    private long errors;
    private boolean measuring;

    LoadRun(InetSocketAddress target, LoadGenerator.Mode mode, int connections, int pipeline, int warmupSeconds,
            int durationSeconds, PrintStream out) {
        this.target = target;
        this.mode = mode;
        this.script = mode.script;
        this.connections = connections;
        this.pipeline = pipeline;
        this.warmupNanos = TimeUnit.SECONDS.toNanos(warmupSeconds);
        this.durationNanos = TimeUnit.SECONDS.toNanos(durationSeconds);
        this.out = out;
    }

    /** The outcome of a run. */
    record Result(String mode, int connections, int pipeline, long operations, double seconds, long errors,
            Histogram latency) {
        /** One line: operations per second, latency percentiles in microseconds, errors. */
        String summary() {
            return String.format("mode=%s conns=%d depth=%d ops=%d rps=%.0f p50_us=%d p90_us=%d p99_us=%d"
                            + " p999_us=%d max_us=%d errors=%d", mode, connections, pipeline, operations,
                    operations / seconds, latency.getValueAtPercentile(50), latency.getValueAtPercentile(90),
                    latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                    errors);
        }
    }

    /** A connection's state: where it is in its script and what it has read. */
    private final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        SelectionKey key;
        ByteBuffer pendingOut;
        int step; // 0 greeting, 1 replies, 2 request (churn), 3 goodbye (churn), 4 close (churn)
        int awaiting;
        long startedNanos;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    Result run() throws IOException {
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                open(selector);
            }
            long start = System.nanoTime();
            long measureFrom = start + warmupNanos;
            long end = measureFrom + durationNanos;
            long nextReport = start + TimeUnit.SECONDS.toNanos(1);
            long reportedOperations = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (!measuring && now >= measureFrom) {
                    measuring = true;
                    operations = 0;
                    reportedOperations = 0;
                    latency.reset();
                    nextReport = now + TimeUnit.SECONDS.toNanos(1);
                }
                if (now >= nextReport) {
                    out.printf("%s %d ops/s%n", measuring ? "measure" : "warm-up ", operations - reportedOperations);
                    reportedOperations = operations;
                    nextReport += TimeUnit.SECONDS.toNanos(1);
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(end, nextReport) - now)));
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(selector, key);
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
        return new Result(mode.label(), connections, pipeline, operations,
                durationNanos / 1e9, errors, latency);
    }

    private void open(Selector selector) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection connection = new Connection(channel);
        connection.startedNanos = System.nanoTime();
        if (channel.connect(target)) {
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            begin(connection);
        } else {
            connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
        }
    }

    private void handle(Selector selector, SelectionKey key) throws IOException {
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isConnectable()) {
                connection.channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                begin(connection);
            }
            if (key.isValid() && key.isWritable()) {
                flush(connection, key);
            }
            if (key.isValid() && key.isReadable()) {
                read(selector, connection, key);
            }
        } catch (IOException e) {
            errors++;
            key.cancel();
            connection.channel.close();
            open(selector);
        }
    }

    private void begin(Connection connection) throws IOException {
        connection.step = 0;
        send(connection, script.greeting);
    }

    private void sendBatch(Connection connection) throws IOException {
        byte[] request = script.request;
        byte[] batch = new byte[request.length * pipeline];
        for (int i = 0; i < pipeline; i++) {
            System.arraycopy(request, 0, batch, i * request.length, request.length);
        }
        connection.step = 1;
        connection.awaiting = pipeline;
        connection.startedNanos = System.nanoTime();
        send(connection, batch);
    }

    private void read(Selector selector, Connection connection, SelectionKey key) throws IOException {
        int n = connection.channel.read(connection.in);
        if (n < 0) {
            key.cancel();
            connection.channel.close();
            if (mode.churn && connection.step == 4) {
                record(connection);
            } else {
                errors++;
            }
            open(selector);
            return;
        }
        ByteBuffer in = connection.in;
        in.flip();
        int start = in.position();
        for (int i = in.position(); i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                int end = i > start && in.get(i - 1) == '\r' ? i - 1 : i;
                byte[] bytes = new byte[end - start];
                in.get(start, bytes);
                onLine(selector, connection, key, new String(bytes, StandardCharsets.UTF_8));
                start = i + 1;
                if (!key.isValid()) {
                    return;
                }
            }
        }
        in.position(start);
        in.compact();
    }

    private void onLine(Selector selector, Connection connection, SelectionKey key, String line) throws IOException {
        switch (connection.step) {
            case 0 -> {
                check(line.startsWith(script.greetingReply), line);
                if (mode.churn) {
                    connection.step = 2;
                    send(connection, script.request);
                } else {
                    sendBatch(connection);
                }
            }
            case 1 -> {
                check(line.equals(script.reply), line);
                if (--connection.awaiting == 0) {
                    record(connection);
                    sendBatch(connection);
                }
            }
            case 2 -> {
                check(line.equals(script.reply), line);
                connection.step = 3;
                send(connection, script.goodbye);
            }
            case 3 -> {
                check(line.equals(script.goodbyeReply), line);
                connection.step = 4; // now wait for the server to close
            }
            default -> check(false, line);
        }
    }

    private void record(Connection connection) {
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - connection.startedNanos);
        operations += mode.churn ? 1 : pipeline;
        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
    }

    private void check(boolean ok, String line) throws IOException {
        if (!ok) {
            throw new IOException("unexpected reply: " + line);
        }
    }

    private void send(Connection connection, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        connection.channel.write(buffer);
        if (buffer.hasRemaining()) {
            connection.pendingOut = buffer; // the rest goes when the socket can take it
            connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void flush(Connection connection, SelectionKey key) throws IOException {
        if (connection.pendingOut != null) {
            connection.channel.write(connection.pendingOut);
            if (!connection.pendingOut.hasRemaining()) {
                connection.pendingOut = null;
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    /**
     * What a connection says, in the same three steps for either protocol, so that their costs compare: a greeting,
     * the request repeated (or, churning, sent once), a goodbye after which the server closes.
     */
    enum Script {
        /** This protocol: HELO, ECHO, BYE. */
        HELO("HELO bench", "Hello bench,", "ECHO hello", "hello", "BYE", "See ya later"),
        /** redis-server's inline protocol: PING, PING, QUIT. */
        REDIS("PING", "+PONG", "PING", "+PONG", "QUIT", "+OK");

        final byte[] greeting;
        final String greetingReply; // the start of the greeting's reply
        final byte[] request;
        final String reply;
        final byte[] goodbye;
        final String goodbyeReply;

        Script(String greeting, String greetingReply, String request, String reply, String goodbye,
                String goodbyeReply) {
            this.greeting = line(greeting);
            this.greetingReply = greetingReply;
            this.request = line(request);
            this.reply = reply;
            this.goodbye = line(goodbye);
            this.goodbyeReply = goodbyeReply;
        }

        private static byte[] line(String text) {
            return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }
}
