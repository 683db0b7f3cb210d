package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * {@link RequestLine} against PROTOCOL.md section 6 written out plainly ({@link RequestVerdict}), over lines built
 * to cross its shortcuts: lengths around eight and sixteen octets, command names in any case, spaces, tabs, DEL, C0
 * and C1 controls and UTF-8 sequences good and bad at every position, the line anywhere in a larger array.
 */
class RequestLinePropertyTest {
    private static final byte[] ALPHABET = {'E', 'c', 'H', 'o', 'L', 'r', 'e', 'Q', 't', 'i', 'M', 'b', 'y', 'D',
        'a', 'P', 'x', '.', '-', ' ', ' ', '\t', 0x7f, 0x1f, 0x00, 0x7e, 0x21, (byte) 0x80, (byte) 0xc3, (byte) 0xa9,
        (byte) 0xc2, (byte) 0x85, (byte) 0xff};

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "ECHO ", "echo ", "HELO ", "hElO ", "REQTIME", "reqdate", "ReqIp", "BYE", "ECHO",
                "HELO", "REQTIME ", "FOOBARBAZ ", "REQTIMEX");
    }

    @Property(tries = 3000)
    void answersAsTheProtocolSectionReads(@ForAll("prefixes") String prefix, @ForAll @Size(max = 20) byte[] noise,
            @ForAll @IntRange(max = 9) int before, @ForAll @IntRange(max = 9) int after) {
        byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[start.length + noise.length];
        System.arraycopy(start, 0, line, 0, start.length);
        for (int i = 0; i < noise.length; i++) {
            line[start.length + i] = ALPHABET[Math.floorMod(noise[i], ALPHABET.length)];
        }
        byte[] room = new byte[before + line.length + after]; // the line amid octets that must not count
        Arrays.fill(room, (byte) 0x01);
        System.arraycopy(line, 0, room, before, line.length);

        RequestLine parsed = new RequestLine().parse(room, before, before + line.length);
        RequestVerdict expected = RequestVerdict.of(line);
        assertThat(parsed.error()).as("error of %s", Arrays.toString(line)).isEqualTo(expected.error());
        assertThat(parsed.command()).as("command of %s", Arrays.toString(line)).isEqualTo(expected.command());
        if (expected.error() == null) {
            assertThat(parsed.argument()).as("argument of %s", Arrays.toString(line)).isEqualTo(expected.argument());
        }
    }
}
