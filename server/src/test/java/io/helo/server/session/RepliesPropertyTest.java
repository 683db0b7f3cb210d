package io.helo.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.ReplyWriter;
import io.helo.codec.RequestLine;
import io.helo.codec.Response;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random bytes through the server's framer and conversation: only replies PROTOCOL.md documents come out. */
class RepliesPropertyTest {
    private static final Set<String> ERROR_LINES = Arrays.stream(ErrorReason.values())
            .map(r -> Response.ErrorReply.of(r).line()).collect(Collectors.toSet());
    private static final Pattern SUCCESS = Pattern.compile(
            "Hello \\S+, pleased to meet you\\.|\\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\d|127\\.0\\.0\\.1|See ya later");

    @Property(tries = 300)
    void anyInputGetsOnlyDocumentedReplies(@ForAll @Size(max = 4000) byte[] noise,
            @ForAll @IntRange(min = 1, max = 700) int chunkSize, @ForAll boolean greetFirst) {
        byte[] prefix = greetFirst ? "HELO prop\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[0];
        byte[] input = new byte[prefix.length + noise.length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        System.arraycopy(noise, 0, input, prefix.length, noise.length);

        Conversation conversation = new Conversation(InetAddress.getLoopbackAddress(),
                new ClockReplies(Clock.systemUTC()), 10, reason -> { });
        LineFramer framer = new LineFramer(1000, 2000);
        Replies replies = new Replies(conversation);
        for (int i = 0; i < input.length && !conversation.ended(); i += chunkSize) {
            framer.feed(input, i, Math.min(input.length, i + chunkSize), replies);
        }
        framer.endLine(LineEnd.END_OF_STREAM, replies);
    }

    /** Answers each framed line and checks its reply, one line at a time. */
    private static final class Replies implements LineFramer.Sink {
        private final Conversation conversation;
        private final RequestLine line = new RequestLine();
        private final ReplyWriter out = new ReplyWriter(2048);

        Replies(Conversation conversation) {
            this.conversation = conversation;
        }

        @Override
        public boolean line(byte[] bytes, int from, int to, LineEnd end) {
            if (conversation.ended()) {
                return false;
            }
            out.clear();
            conversation.answer(line.parse(bytes, from, to), out);
            String replies = new String(out.toByteArray(), StandardCharsets.UTF_8);
            assertThat(replies).endsWith("\r\n");
            String[] lines = replies.substring(0, replies.length() - 2).split("\r\n", -1);
            boolean echo = line.isValid() && line.command() == Command.ECHO && !lines[0].startsWith("ERR ");
            if (echo) {
                assertThat(lines[0]).isEqualTo(line.argument()); // verbatim
            }
            for (int i = echo ? 1 : 0; i < lines.length; i++) {
                assertThat(ERROR_LINES.contains(lines[i]) || SUCCESS.matcher(lines[i]).matches())
                        .as("reply %s to %s", lines[i], line.toParsedRequest()).isTrue();
            }
            return true;
        }

        @Override
        public boolean tooLong() {
            return reject(ErrorReason.LINE_TOO_LONG);
        }

        @Override
        public boolean unterminated() {
            return reject(ErrorReason.UNTERMINATED_LINE);
        }

        private boolean reject(ErrorReason reason) {
            out.clear();
            conversation.reject(reason, out);
            assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
                    .startsWith(Response.ErrorReply.of(reason).line() + "\r\n");
            return !conversation.ended();
        }
    }
}
