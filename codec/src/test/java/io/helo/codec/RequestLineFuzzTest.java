package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helo.codec.testing.Allocations;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes the two request line parsers with any octets. The in-place {@link RequestLine}, wherever the line lies in
 * its array and whatever it parsed before, gives PROTOCOL.md's verdict ({@link RequestVerdict}), the same as
 * {@link RequestParser} on the octets and on the text, and allocates nothing; a valid request's {@code line()} is
 * the line itself with its command name in upper case, and parses back to the same request.
 */
class RequestLineFuzzTest {
    /** Octets around the line that would change a verdict if the parser read them. */
    private static final byte[] POISON = {' ', 0, '\n', (byte) 0x80, 0x7f, 'E', (byte) 0xc3, '\t'};
    /** One parser for every input, as a server keeps one per connection. */
    private static final RequestLine REUSED = new RequestLine();

    @FuzzTest
    void parse(byte[] line) {
        int before = line.length % 9; // lengths around a word, a word's offset anywhere
        byte[] room = new byte[before + line.length + 9];
        for (int i = 0; i < room.length; i++) {
            room[i] = POISON[i % POISON.length];
        }
        System.arraycopy(line, 0, room, before, line.length);

        REUSED.parse(room, before, before + line.length); // right after the previous input
        RequestVerdict expected = RequestVerdict.of(line);
        String shown = Arrays.toString(line);
        assertThat(REUSED.error()).as("error of %s", shown).isEqualTo(expected.error());
        assertThat(REUSED.command()).as("command of %s", shown).isEqualTo(expected.command());
        if (REUSED.isValid()) { // an invalid line's argument is left unspecified
            assertThat(REUSED.argument()).as("argument of %s", shown).isEqualTo(expected.argument());
        }
        if (REUSED.argumentFrom() >= 0) {
            assertThat(REUSED.argumentFrom()).isBetween(before, before + line.length);
            assertThat(REUSED.argumentTo()).isBetween(REUSED.argumentFrom(), before + line.length);
        }

        // what every parse costs, as on a server that has served a while
        long allocated = Allocations.everyRunOf(3, () -> REUSED.parse(room, before, before + line.length));
        assertThat(allocated).as("octets allocated parsing %s in place", shown).isZero();

        ParsedRequest parsed = REUSED.toParsedRequest();
        assertThat(RequestParser.parse(line.clone(), 0, line.length)).as("octets %s", shown).isEqualTo(parsed);
        if (expected.error() != ErrorReason.INVALID_UTF8) {
            String text = new String(line, StandardCharsets.UTF_8);
            assertThat(RequestParser.parse(text)).as("text of %s", shown).isEqualTo(parsed);
        }
        if (parsed instanceof Request request) {
            assertThat(request.line().getBytes(StandardCharsets.UTF_8)).as("line() of %s", shown)
                    .isEqualTo(withCommandInUpperCase(line));
            assertThat(RequestParser.parse(request.line())).as("%s parsed back", request).isEqualTo(request);
        }
    }

    /** The line as a client should send it: the command name, up to the first space, in upper case. */
    private static byte[] withCommandInUpperCase(byte[] line) {
        byte[] canonical = line.clone();
        for (int i = 0; i < canonical.length && canonical[i] != ' '; i++) {
            if (canonical[i] >= 'a' && canonical[i] <= 'z') {
                canonical[i] -= 'a' - 'A';
            }
        }
        return canonical;
    }
}
