package io.helo.bench;

import io.helo.server.ServerConfig;
import io.helo.server.session.ReadPath;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's read → replies path without sockets: one read of sixteen pipelined requests, framed, parsed in
 * place, answered and encoded into one buffer, as one pass of a session does. Run with
 * {@code java -cp bench/target/bench.jar org.openjdk.jmh.Main ReadPathBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadPathBenchmark {
    private static final byte[] SIXTEEN_ECHOES = "ECHO hello\r\n".repeat(16).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIXTEEN_OF_EVERY_KIND = "ECHO hello\r\nREQTIME\r\nREQDATE\r\nREQIP\r\n".repeat(4)
            .getBytes(StandardCharsets.US_ASCII);

    private ReadPath session;

    /** A session that said HELO. */
    @Setup
    public void setUp() {
        session = new ReadPath(ServerConfig.defaults(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000));
        byte[] helo = "HELO bench\r\n".getBytes(StandardCharsets.US_ASCII);
        session.answer(helo, 0, helo.length);
    }

    /** Sixteen ECHO requests in one read. */
    @Benchmark
    public int sixteenEchoes() {
        return session.answer(SIXTEEN_ECHOES, 0, SIXTEEN_ECHOES.length);
    }

    /** Sixteen requests of four kinds (ECHO, REQTIME, REQDATE, REQIP) in one read. */
    @Benchmark
    public int sixteenOfEveryKind() {
        return session.answer(SIXTEEN_OF_EVERY_KIND, 0, SIXTEEN_OF_EVERY_KIND.length);
    }
}
