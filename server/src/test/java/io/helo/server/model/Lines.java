package io.helo.server.model;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Lines a client may send, valid and invalid in every way section 6 lists, each built so that what it is
 * ({@link Sent.Verdict}) is known from how it was made, not from the parser under test.
 */
final class Lines {
    /** Letters, marks, numbers, punctuation and symbols beyond ASCII, which host names may hold (section 5.1). */
    private static final String NAME_EXTRAS = "éßΩж名☃€";
    /** Text beyond ASCII for ECHO, at most three octets of UTF-8 each. */
    private static final String TEXT_EXTRAS = "é名€ ";
    /** Controls a line may not hold (section 3): C0 but TAB and LF, DEL, C1. */
    private static final List<String> CONTROLS =
            List.of("\u0000", "\u0001", "\u0007", "\b", "\u000b", "\f", "\r", "\u001b", "\u001f", "\u007f", "\u0085");
    private static final List<byte[]> MALFORMED = List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xe2, (byte) 0x82});
    private static final List<String> FOREIGN = List.of("GET / HTTP/1.1", "POST /form HTTP/1.0", "GET /",
            "PRI * HTTP/2.0", "Host: example.com", "SSH-2.0-OpenSSH_9.2", "PROXY TCP4 192.0.2.7 127.0.0.1 51000 8008",
            "*1", "$4");

    private final int maxLineLength;
    private final int maxDiscard;

    Lines(int maxLineLength, int maxDiscard) {
        this.maxLineLength = maxLineLength;
        this.maxDiscard = maxDiscard;
    }

    /** One to six lines pipelined; an endless line, rarely, only last (nothing after it is a line). */
    Arbitrary<List<Sent>> batch() {
        Arbitrary<List<Sent>> lines = line().list().ofMinSize(1).ofMaxSize(6);
        return Arbitraries.frequencyOf(Tuple.of(30, lines), Tuple.of(1, Combinators.combine(lines, endless())
                .as((before, last) -> {
                    List<Sent> all = new java.util.ArrayList<>(before);
                    all.add(last);
                    return all;
                })));
    }

    /** Where to cut a batch into writes, in thousandths of its length. */
    static Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 999).list().ofMaxSize(8);
    }

    private Arbitrary<Sent> line() {
        return Arbitraries.frequencyOf(Tuple.of(24, valid()), Tuple.of(1, empty()), Tuple.of(2, unknown()),
                Tuple.of(2, badArgument()), Tuple.of(2, badCharacter()), Tuple.of(2, malformed()),
                Tuple.of(1, tooLong()), Tuple.of(1, foreign()));
    }

    private static Arbitrary<String> lineEnd() {
        return Arbitraries.of("\r\n", "\n");
    }

    private static Arbitrary<Sent> valid() {
        Arbitrary<Sent.Valid> requests = Arbitraries.frequencyOf(
                Tuple.of(6, hostname().map(name -> new Sent.Valid(Command.HELO, name))),
                Tuple.of(8, echoText().map(text -> new Sent.Valid(Command.ECHO, text))),
                Tuple.of(10, Arbitraries.of(Command.REQTIME, Command.REQDATE, Command.REQIP)
                        .map(command -> new Sent.Valid(command, null))),
                Tuple.of(1, Arbitraries.just(new Sent.Valid(Command.BYE, null)))); // rarely: long sessions
        return Combinators.combine(requests, spelling(), lineEnd()).as((request, upper, end) -> {
            String name = upper ? request.command().name() : request.command().name().toLowerCase(Locale.ROOT);
            String text = request.argument() == null ? name : name + " " + request.argument();
            return Sent.of(text, end, request);
        });
    }

    /** Command names are case-insensitive: upper case, as clients should send, or lower case. */
    private static Arbitrary<Boolean> spelling() {
        return Arbitraries.of(true, true, false);
    }

    private static Arbitrary<String> hostname() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars(".-_!~")
                .withChars(NAME_EXTRAS).ofMinLength(1).ofMaxLength(16);
    }

    private static Arbitrary<String> echoText() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\t').withChars(TEXT_EXTRAS).ofMaxLength(30);
    }

    private static Arbitrary<Sent> empty() {
        return lineEnd().map(end -> Sent.of("", end, new Sent.Invalid(ErrorReason.EMPTY_LINE)));
    }

    private static Arbitrary<Sent> unknown() {
        Arbitrary<String> words = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(9)
                .filter(word -> Command.lookup(word) == null && !word.equals("PROXY"));
        Arbitrary<String> lines = Arbitraries.oneOf(words, words.map(word -> word + " x"),
                Arbitraries.of(" REQTIME", "   ", "HELO\tx", "REQTIMEX", "REQ TIME", "ECHO\thi"));
        return Combinators.combine(lines, lineEnd())
                .as((text, end) -> Sent.of(text, end, new Sent.Invalid(ErrorReason.UNKNOWN_COMMAND)));
    }

    private static Arbitrary<Sent> badArgument() {
        Arbitrary<String> lines = Arbitraries.of("REQTIME now", "BYE ", "REQIP x", "REQDATE  ", "HELO", "HELO ",
                "HELO a b", "ECHO", "HELO a\u00a0b", "HELO a\u200bb", "HELO a\u202eb", "helo a\tb");
        return Combinators.combine(lines, lineEnd())
                .as((text, end) -> Sent.of(text, end, new Sent.Invalid(ErrorReason.BAD_ARGUMENT)));
    }

    /**
     * A valid request with a control inserted anywhere but first (a NUL after two empty lines would open the PROXY
     * v2 signature, another protocol's first octets) and but a CR last (the first half of a CRLF).
     */
    private static Arbitrary<Sent> badCharacter() {
        return Combinators.combine(valid(), Arbitraries.of(CONTROLS), Arbitraries.integers().between(1, 40),
                lineEnd()).as((request, control, at, end) -> {
                    String text = text(request);
                    int where = Math.min(at, control.equals("\r") ? text.length() - 1 : text.length());
                    String line = text.substring(0, where) + control + text.substring(where);
                    return Sent.of(line, end, new Sent.Invalid(ErrorReason.BAD_CHARACTER));
                });
    }

    private static Arbitrary<Sent> malformed() {
        return Combinators.combine(valid(), Arbitraries.of(MALFORMED), Arbitraries.integers().between(0, 40),
                lineEnd()).as((request, bad, at, end) -> {
                    byte[] text = text(request).getBytes(StandardCharsets.UTF_8);
                    int where = Math.min(at, text.length);
                    while (where < text.length && (text[where] & 0xc0) == 0x80) {
                        where++; // between characters, not inside one
                    }
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    line.write(text, 0, where);
                    line.writeBytes(bad);
                    line.write(text, where, text.length - where);
                    line.writeBytes(end.getBytes(StandardCharsets.US_ASCII));
                    return new Sent(line.toByteArray(), new Sent.Invalid(ErrorReason.INVALID_UTF8));
                });
    }

    /** Longer than the limit but ending within the discard limit. */
    private Arbitrary<Sent> tooLong() {
        return Combinators.combine(Arbitraries.integers().between(maxLineLength - 4, maxLineLength + maxDiscard / 2),
                lineEnd()).as((length, end) -> Sent.of("ECHO " + "x".repeat(length), end,
                        new Sent.Invalid(ErrorReason.LINE_TOO_LONG)));
    }

    private static Arbitrary<Sent> foreign() {
        return Combinators.combine(Arbitraries.of(FOREIGN), lineEnd())
                .as((text, end) -> Sent.of(text, end, new Sent.Foreign()));
    }

    private Arbitrary<Sent> endless() {
        return Arbitraries.integers().between(1, 40).map(extra -> new Sent(
                "z".repeat(maxLineLength + maxDiscard + extra).getBytes(StandardCharsets.US_ASCII), new Sent.Endless()));
    }

    /** The line of a valid request, without its line end. */
    private static String text(Sent request) {
        byte[] octets = request.octets();
        int end = octets.length - (octets.length > 1 && octets[octets.length - 2] == '\r' ? 2 : 1);
        return new String(octets, 0, end, StandardCharsets.UTF_8);
    }
}
