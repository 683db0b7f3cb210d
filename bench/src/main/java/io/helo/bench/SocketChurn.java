package io.helo.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.HdrHistogram.Recorder;

/**
 * Whole sessions on blocking sockets, one thread per connection, with or without TLS: connect, (handshake,) HELO,
 * ECHO, BYE, read to the close. The same client code both ways, so that TLS sessions per second stand next to
 * plaintext ones. Every TLS session is a full handshake: the client's session is invalidated, never resumed.
 */
final class SocketChurn {
    private static final byte[] SCRIPT = "HELO bench\r\nECHO churn\r\nBYE\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPECTED = "Hello bench, pleased to meet you.\r\nchurn\r\nSee ya later\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress target;
    private final SSLContext tls;
    private final int connections;
    private final long warmupNanos;
    private final long durationNanos;
    private final PrintStream out;
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean measuring;

    SocketChurn(InetSocketAddress target, SSLContext tls, int connections, int warmupSeconds, int durationSeconds,
            PrintStream out) {
        this.target = target;
        this.tls = tls;
        this.connections = connections;
        this.warmupNanos = TimeUnit.SECONDS.toNanos(warmupSeconds);
        this.durationNanos = TimeUnit.SECONDS.toNanos(durationSeconds);
        this.out = out;
    }

    /** Runs the threads for the warm-up and the duration; every thread stops by itself at the end. */
    LoadRun.Result run(String mode) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + warmupNanos + durationNanos;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> loop(end), "churn-" + i);
            thread.start();
            threads.add(thread);
        }
        long measureFrom = start + warmupNanos;
        TimeUnit.NANOSECONDS.sleep(Math.max(0, measureFrom - System.nanoTime())); // the run's clock, not a test's
        sessions.set(0);
        latency.reset();
        measuring = true;
        long reported = 0;
        for (long second = measureFrom + TimeUnit.SECONDS.toNanos(1); second <= end;
                second += TimeUnit.SECONDS.toNanos(1)) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, second - System.nanoTime()));
            long now = sessions.get();
            out.printf("measure %d ops/s%n", now - reported);
            reported = now;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new LoadRun.Result(mode, connections, 1, sessions.get(), durationNanos / 1e9, errors.get(),
                latency.getIntervalHistogram());
    }

    private void loop(long end) {
        while (System.nanoTime() < end) {
            long began = System.nanoTime();
            try {
                session();
                if (measuring) {
                    sessions.incrementAndGet();
                    latency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - began),
                            TimeUnit.SECONDS.toMicros(60)));
                }
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
            }
        }
    }

    private void session() throws IOException {
        try (Socket plain = new Socket()) {
            plain.setTcpNoDelay(true);
            plain.connect(target, 10_000);
            plain.setSoTimeout(10_000);
            Socket socket = plain;
            if (tls != null) {
                SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost",
                        target.getPort(), true);
                SSLParameters parameters = secured.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secured.setSSLParameters(parameters);
                secured.startHandshake();
                secured.getSession().invalidate(); // the next session is a full handshake too
                socket = secured;
            }
            OutputStream output = socket.getOutputStream();
            output.write(SCRIPT);
            output.flush();
            byte[] reply = socket.getInputStream().readAllBytes(); // to the server's close
            if (!Arrays.equals(reply, EXPECTED)) {
                throw new IllegalStateException("unexpected reply: " + new String(reply, StandardCharsets.UTF_8));
            }
            socket.close();
        }
    }
}
