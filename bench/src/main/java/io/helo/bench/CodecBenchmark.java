package io.helo.bench;

import io.helo.codec.ParsedRequest;
import io.helo.codec.RequestParser;
import io.helo.codec.Response;
import io.helo.codec.mina.HeloCodecFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
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
 * Microbenchmarks of the codec on typical lines. Run with
 * {@code java -cp bench/target/bench.jar org.openjdk.jmh.Main CodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private static final byte[] SIXTEEN_ECHOES = "ECHO hello\r\n".repeat(16).getBytes(StandardCharsets.US_ASCII);

    private ProtocolCodecSession session;
    private ProtocolDecoder decoder;
    private ProtocolEncoder encoder;
    private final Response reply = new Response.Echo("hello");

    /** A fresh in-memory session with the server codec. */
    @Setup
    public void setUp() throws Exception {
        session = new ProtocolCodecSession();
        HeloCodecFactory codec = HeloCodecFactory.forServer(1000);
        decoder = codec.getDecoder(session);
        encoder = codec.getEncoder(session);
    }

    /** Parsing one request line, already decoded to text. */
    @Benchmark
    public ParsedRequest parseEcho() {
        return RequestParser.parse("ECHO hello");
    }

    /** The wire form of a greeting. */
    @Benchmark
    public String formatGreeting() {
        return new Response.Greeting("mycomputer").line();
    }

    /** Encoding one reply to the bytes of its line. */
    @Benchmark
    public Object encodeReply() throws Exception {
        encoder.encode(session, reply, session.getEncoderOutput());
        return session.getEncoderOutputQueue().poll();
    }

    /** Decoding one read holding sixteen pipelined requests. */
    @Benchmark
    public int decodeSixteenLines() throws Exception {
        decoder.decode(session, IoBuffer.wrap(SIXTEEN_ECHOES), session.getDecoderOutput());
        int lines = session.getDecoderOutputQueue().size();
        session.getDecoderOutputQueue().clear();
        return lines;
    }
}
