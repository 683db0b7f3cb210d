package io.helo.codec.mina;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.codec.InvalidRequest;
import io.helo.codec.ReplyWriter;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.ResponseParser;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CodecPropertyTest {
    /** General categories PROTOCOL.md 5.1 allows in a host name beyond ASCII: letters, marks, numbers, punctuation, symbols. */
    private static final java.util.Set<Integer> HOSTNAME_TYPES = java.util.Set.of((int) Character.UPPERCASE_LETTER,
            (int) Character.LOWERCASE_LETTER, (int) Character.TITLECASE_LETTER, (int) Character.MODIFIER_LETTER,
            (int) Character.OTHER_LETTER, (int) Character.NON_SPACING_MARK, (int) Character.ENCLOSING_MARK,
            (int) Character.COMBINING_SPACING_MARK, (int) Character.DECIMAL_DIGIT_NUMBER, (int) Character.LETTER_NUMBER,
            (int) Character.OTHER_NUMBER, (int) Character.CONNECTOR_PUNCTUATION, (int) Character.DASH_PUNCTUATION,
            (int) Character.START_PUNCTUATION, (int) Character.END_PUNCTUATION,
            (int) Character.INITIAL_QUOTE_PUNCTUATION, (int) Character.FINAL_QUOTE_PUNCTUATION,
            (int) Character.OTHER_PUNCTUATION, (int) Character.MATH_SYMBOL, (int) Character.CURRENCY_SYMBOL,
            (int) Character.MODIFIER_SYMBOL, (int) Character.OTHER_SYMBOL);

    @Property
    void everyRequestSurvivesEncodingAndDecodingInAnyChunking(
            @ForAll("requestLists") List<Request> requests,
            @ForAll @IntRange(min = 1, max = 64) int chunkSize) throws Exception {
        byte[] wire = new CodecHarness(HeloCodecFactory.forClient(1 << 20)).encode(requests.toArray());
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < wire.length; i += chunkSize) {
            chunks.add(Arrays.copyOfRange(wire, i, Math.min(wire.length, i + chunkSize)));
        }
        CodecHarness server = new CodecHarness(HeloCodecFactory.forServer(1 << 20));
        assertThat(server.decode(chunks.toArray(new byte[0][]))).containsExactlyElementsOf(requests);
    }

    @Property
    void everyReplyParsesBackAsTheAnswerToItsRequest(@ForAll("responses") Response response) throws Exception {
        assertThat(ResponseParser.parse(requestFor(response), response.line())).isEqualTo(response);
        assertThat(new ReplyWriter(4).write(response).toByteArray()).isEqualTo(
                (response.line() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void anyBytesDecodeToRequestsOrDocumentedErrorsOnly(@ForAll @Size(max = 3000) byte[] input,
            @ForAll @IntRange(min = 1, max = 512) int chunkSize) throws Exception {
        CodecHarness server = new CodecHarness(HeloCodecFactory.forServer(1000));
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < input.length; i += chunkSize) {
            chunks.add(Arrays.copyOfRange(input, i, Math.min(input.length, i + chunkSize)));
        }
        List<Object> decoded = server.decode(chunks.toArray(new byte[0][]));
        assertThat(decoded).allMatch(m -> m instanceof Request || m instanceof InvalidRequest);
        int lines = 0;
        int tail = 0;
        for (byte b : input) {
            lines += b == '\n' ? 1 : 0;
            tail = b == '\n' ? 0 : tail + 1;
        }
        // one message per line, whatever the line holds, and one more for a tail that can no longer fit
        assertThat(decoded).hasSize(lines + (tail >= 1000 ? 1 : 0));
        assertThat(server.bufferedBytesCapacity()).isLessThanOrEqualTo(1024); // never more than the limit
    }

    @Provide
    Arbitrary<List<Request>> requestLists() {
        return requests().list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<String> word = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .filter(s -> s.codePoints().allMatch(c -> c > 0x20 && !(c >= 0x7f && c <= 0x9f)))
                .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)))
                .filter(s -> s.codePoints().allMatch(c -> c < 0x80 || HOSTNAME_TYPES.contains(Character.getType(c))));
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(200)
                .filter(s -> s.codePoints().allMatch(c -> c == '\t' || (c >= 0x20 && !(c >= 0x7f && c <= 0x9f))))
                .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        return Arbitraries.oneOf(word.map(Request.Helo::new), text.map(Request.Echo::new),
                Arbitraries.of(new Request.ReqTime(), new Request.ReqDate(), new Request.ReqIp(), new Request.Bye()));
    }

    @Provide
    Arbitrary<Response> responses() {
        Arbitrary<Response> time = Arbitraries.integers().between(0, 86_399)
                .map(s -> new Response.CurrentTime(LocalTime.ofSecondOfDay(s)));
        Arbitrary<Response> date = Arbitraries.longs().between(LocalDate.of(0, 1, 1).toEpochDay(),
                LocalDate.of(9999, 12, 31).toEpochDay()).map(d -> new Response.CurrentDate(LocalDate.ofEpochDay(d)));
        Arbitrary<Response> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(b -> new Response.Address(b.get(0) + "." + b.get(1) + "." + b.get(2) + "." + b.get(3)));
        Arbitrary<Response> ipv6 = Arbitraries.integers().between(0, 255).list().ofSize(16).map(b -> {
            byte[] bytes = new byte[16];
            for (int i = 0; i < 16; i++) {
                bytes[i] = (byte) (i % 3 == 0 ? 0 : b.get(i).intValue()); // zero runs, to exercise '::'
            }
            try {
                return Response.Address.of(java.net.Inet6Address.getByAddress(null, bytes, -1));
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
        Arbitrary<Response> echo = requests().filter(r -> r instanceof Request.Echo)
                .map(r -> new Response.Echo(((Request.Echo) r).text()));
        Arbitrary<Response> greeting = requests().filter(r -> r instanceof Request.Helo)
                .map(r -> new Response.Greeting(((Request.Helo) r).hostname()));
        return Arbitraries.oneOf(time, date, ipv4, ipv6, echo, greeting, Arbitraries.just(new Response.Goodbye()));
    }

    private static Request requestFor(Response response) {
        if (response instanceof Response.Greeting) {
            return new Request.Helo(((Response.Greeting) response).hostname());
        } else if (response instanceof Response.CurrentTime) {
            return new Request.ReqTime();
        } else if (response instanceof Response.CurrentDate) {
            return new Request.ReqDate();
        } else if (response instanceof Response.Echo) {
            return new Request.Echo(((Response.Echo) response).text());
        } else if (response instanceof Response.Address) {
            return new Request.ReqIp();
        }
        return new Request.Bye();
    }
}
