package io.helo.codec.mina;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.ParsedRequest;
import io.helo.codec.ReferenceFramer;
import io.helo.codec.Request;
import io.helo.codec.RequestVerdict;
import io.helo.codec.testing.Chunks;
import io.helo.codec.testing.FuzzInput;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/**
 * Fuzzes the server's MINA codec ({@link HeloCodecFactory#forServer(int, int)}) with raw octets, read by read
 * through a {@link ProtocolCodecSession}, as Netty's decoders are fuzzed through an {@code EmbeddedChannel}: it
 * decodes exactly the lines of the reference framer, each to PROTOCOL.md's verdict, whatever the reads and whether
 * they come in heap or direct buffers; it never holds more than the limit for a line; every request it decodes,
 * written by the client's encoder, decodes to itself again.
 *
 * <p>Input: three option octets (line length limit, discard limit, how to cut reads; odd: direct buffers), then
 * the stream.
 */
class RequestDecoderFuzzTest {
    @FuzzTest
    void decode(byte[] input) throws Exception {
        FuzzInput in = new FuzzInput(input);
        int maxLineLength = 2 + in.option() % 120;
        int maxDiscard = in.option() % 200;
        int cuts = in.option();
        byte[] stream = in.rest();

        ReferenceFramer reference = new ReferenceFramer(maxLineLength, maxDiscard);
        for (byte b : stream) {
            reference.octet(b);
        }
        reference.end(LineEnd.END_OF_STREAM);
        List<ParsedRequest> expected = new ArrayList<>();
        for (ReferenceFramer.Event event : reference.events()) {
            expected.add(event instanceof ReferenceFramer.Line line ? RequestVerdict.of(line.bytes()).toParsedRequest()
                    : new InvalidRequest(event instanceof ReferenceFramer.TooLong ? ErrorReason.LINE_TOO_LONG
                            : ErrorReason.UNTERMINATED_LINE));
        }

        ProtocolCodecSession session = new ProtocolCodecSession();
        ProtocolDecoder decoder = HeloCodecFactory.forServer(maxLineLength, maxDiscard).getDecoder(session);
        int from = 0;
        for (int end : Chunks.ends(stream.length, cuts)) {
            decoder.decode(session, read(stream, from, end, cuts % 2 == 1), session.getDecoderOutput());
            assertThat(heldBytes(session)).as("octets held for a line").isLessThanOrEqualTo(maxLineLength);
            from = end;
        }
        decoder.finishDecode(session, session.getDecoderOutput());
        List<Object> decoded = new ArrayList<>(session.getDecoderOutputQueue());
        assertThat(decoded).as("decoded with reads cut by %d", cuts).isEqualTo(expected);

        for (Object message : decoded) {
            if (message instanceof Request request) {
                assertThat(decodedAgain(request)).as("%s encoded and decoded", request).containsExactly(request);
            }
        }
    }

    private static IoBuffer read(byte[] stream, int from, int to, boolean direct) {
        IoBuffer buffer = IoBuffer.allocate(to - from, direct);
        buffer.put(stream, from, to - from).flip();
        return buffer;
    }

    /** The octets the session's framer holds for an unfinished line. */
    private static int heldBytes(ProtocolCodecSession session) {
        for (Object key : session.getAttributeKeys()) {
            if (session.getAttribute(key) instanceof LineFramer framer) {
                return framer.heldBytes();
            }
        }
        return 0;
    }

    /** {@code request} through the client's encoder and a server's decoder with room for any request. */
    private static List<Object> decodedAgain(Request request) throws Exception {
        ProtocolCodecSession client = new ProtocolCodecSession();
        ProtocolEncoder encoder = HeloCodecFactory.forClient(1024).getEncoder(client);
        encoder.encode(client, request, client.getEncoderOutput());
        ProtocolCodecSession server = new ProtocolCodecSession();
        ProtocolDecoder decoder = HeloCodecFactory.forServer(64 * 1024).getDecoder(server);
        for (Object wire; (wire = client.getEncoderOutputQueue().poll()) != null; ) {
            decoder.decode(server, (IoBuffer) wire, server.getDecoderOutput());
        }
        return new ArrayList<>(server.getDecoderOutputQueue());
    }
}
