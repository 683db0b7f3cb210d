package io.helo.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.codec.ErrorReason;
import io.helo.codec.ParsedRequest;
import io.helo.codec.Response;
import io.helo.codec.mina.HeloCodecFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.filter.codec.ProtocolCodecSession;
import org.apache.mina.filter.codec.ProtocolDecoder;

/** Random bytes through the server's decoder and conversation: only replies PROTOCOL.md documents come out. */
class RepliesPropertyTest {
    private static final Set<String> ERROR_LINES =
            Arrays.stream(ErrorReason.values()).map(r -> Response.ErrorReply.of(r).line()).collect(Collectors.toSet());
    private static final Pattern SUCCESS = Pattern.compile(
            "Hello \\S+, pleased to meet you\\.|\\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\d|127\\.0\\.0\\.1|See ya later");

    @Property(tries = 300)
    void anyInputGetsOnlyDocumentedReplies(@ForAll @Size(max = 4000) byte[] noise,
            @ForAll @IntRange(min = 1, max = 700) int chunkSize, @ForAll boolean greetFirst) throws Exception {
        byte[] prefix = greetFirst ? "HELO prop\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII) : new byte[0];
        byte[] input = new byte[prefix.length + noise.length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        System.arraycopy(noise, 0, input, prefix.length, noise.length);

        ProtocolCodecSession session = new ProtocolCodecSession();
        ProtocolDecoder decoder = HeloCodecFactory.forServer(1000, 2000).getDecoder(session);
        Conversation conversation = new Conversation(new Response.Address("127.0.0.1"), Clock.systemUTC(), 10,
                reason -> { });
        for (int i = 0; i < input.length && !conversation.ended(); i += chunkSize) {
            decoder.decode(session, IoBuffer.wrap(input, i, Math.min(chunkSize, input.length - i)),
                    session.getDecoderOutput());
            for (Object line; (line = session.getDecoderOutputQueue().poll()) != null && !conversation.ended(); ) {
                assertDocumented(conversation.respond((ParsedRequest) line), line);
                Response closing = conversation.closingLine();
                if (closing != null) {
                    assertThat(closing.line()).isEqualTo("ERR too-many-errors too many errors, closing connection");
                }
            }
        }
    }

    private static void assertDocumented(Response reply, Object line) {
        if (reply instanceof Response.Echo) {
            return; // verbatim by definition: checked by the wire and codec tests
        }
        assertThat(ERROR_LINES.contains(reply.line()) || SUCCESS.matcher(reply.line()).matches())
                .as("reply %s to %s", reply.line(), line).isTrue();
    }
}
