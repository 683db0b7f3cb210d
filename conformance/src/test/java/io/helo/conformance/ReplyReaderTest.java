package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The checker's reply reading: lines with their exact ends, and never more than the cap held. */
class ReplyReaderTest {
    @Test
    void shouldSplitLinesKeepingTheirExactEnds() throws Exception {
        ReplyReader reader = new ReplyReader(ReplyReader.DEFAULT_CAP);
        feed(reader, "Hello x, pleased to meet you.\r\n12:00:00\nEC");

        assertThat(reader.next()).isEqualTo(new Wire.Line("Hello x, pleased to meet you.", "\r\n"));
        assertThat(reader.next()).isEqualTo(new Wire.Line("12:00:00", "\n"));
        assertThat(reader.next()).isNull();
        feed(reader, "HO\r");
        assertThat(reader.next()).isNull();
        feed(reader, "\n");
        assertThat(reader.next()).isEqualTo(new Wire.Line("ECHO", "\r\n"));
        assertThat(reader.held()).isZero();
    }

    @Test
    void shouldTakeWhatIsHeldAsALineWithoutEnd() throws Exception {
        ReplyReader reader = new ReplyReader(ReplyReader.DEFAULT_CAP);
        feed(reader, "See ya later");

        assertThat(reader.next()).isNull();
        assertThat(reader.rest(Wire.Line.SILENCE)).isEqualTo(new Wire.Line("See ya later", Wire.Line.SILENCE));
        assertThat(reader.rest(Wire.Line.END_OF_STREAM)).isNull();
    }

    @Test
    void shouldHoldNoMoreThanTheCapOfAnEndlessReplyAndQuoteItsStart() {
        ReplyReader reader = new ReplyReader(1024);
        byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 128 * 1024; i++) { // a GiB
            reader.feed(chunk, 0, chunk.length);
        }

        assertThat(reader.held()).isEqualTo(1024);
        assertThat(reader.overflowed()).isTrue();
        assertThatThrownBy(reader::next).isInstanceOf(ReplyReader.TooLongException.class)
                .hasMessage("a reply of more than 1024 octets without a line end: \"" + "x".repeat(160) + "\" (40 more"
                        + " characters) (" + ((1L << 30) - 1024) + " more octets dropped)");
        assertThatThrownBy(() -> reader.rest(Wire.Line.END_OF_STREAM)).isInstanceOf(ReplyReader.TooLongException.class);
    }

    @Test
    void shouldGiveTheCompleteLinesBeforeTheOneThatWentPastTheCap() throws Exception {
        ReplyReader reader = new ReplyReader(16);
        feed(reader, "one\r\ntwo\r\nthree and on and on");

        assertThat(reader.next()).isEqualTo(new Wire.Line("one", "\r\n"));
        assertThat(reader.next()).isEqualTo(new Wire.Line("two", "\r\n"));
        assertThatThrownBy(reader::next).isInstanceOf(ReplyReader.TooLongException.class)
                .hasMessage("a reply of more than 16 octets without a line end: \"three \" (13 more octets dropped)");
    }

    @Test
    void shouldMakeRoomByDroppingWhatWasTakenWhenMoreArrives() throws Exception {
        ReplyReader reader = new ReplyReader(8);
        feed(reader, "abcdef\n");
        assertThat(reader.next()).isEqualTo(new Wire.Line("abcdef", "\n"));
        feed(reader, "1234567\n");

        assertThat(reader.next()).isEqualTo(new Wire.Line("1234567", "\n"));
        assertThat(reader.overflowed()).isFalse();
    }

    @Property
    void shouldReadTheSameLinesHoweverTheOctetsAreCut(@ForAll("replies") List<String> replies,
            @ForAll("cuts") List<Integer> cuts) throws Exception {
        byte[] all = String.join("", replies).getBytes(StandardCharsets.UTF_8);
        ReplyReader reader = new ReplyReader(ReplyReader.DEFAULT_CAP);
        List<Wire.Line> lines = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(all.length, at + cut);
            reader.feed(all, at, end - at);
            at = end;
            for (Wire.Line line; (line = reader.next()) != null; ) {
                lines.add(line);
            }
        }
        reader.feed(all, at, all.length - at);
        for (Wire.Line line; (line = reader.next()) != null; ) {
            lines.add(line);
        }

        List<Wire.Line> expected = replies.stream().map(r -> r.endsWith("\r\n")
                ? new Wire.Line(r.substring(0, r.length() - 2), "\r\n")
                : new Wire.Line(r.substring(0, r.length() - 1), "\n")).toList();
        assertThat(lines).isEqualTo(expected);
        assertThat(reader.held()).isZero();
    }

    @Provide
    Arbitrary<List<String>> replies() {
        Arbitrary<String> text = Arbitraries.strings().withChars("abc xyz\r:é✓").ofMaxLength(40)
                .filter(t -> !t.endsWith("\r"));
        return Arbitraries.oneOf(text.map(t -> t + "\r\n"), text.map(t -> t + "\n")).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 50).list().ofMaxSize(40);
    }

    private static void feed(ReplyReader reader, String octets) {
        byte[] bytes = octets.getBytes(StandardCharsets.UTF_8);
        reader.feed(bytes, 0, bytes.length);
    }
}
