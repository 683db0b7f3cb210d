package io.helo.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a request line should parse to, by the text of PROTOCOL.md sections 3, 5.1 and 6 written out plainly, one
 * rule after the other, with the JDK's own UTF-8 decoder and Unicode tables: the reference the parsers are held to.
 *
 * @param error the reason the line is invalid, or {@code null}
 * @param command the command of a valid line, else {@code null}
 * @param argument the argument of a valid line that has one, else {@code null}
 */
public record RequestVerdict(ErrorReason error, Command command, String argument) {
    private static final int MAX_HOSTNAME_OCTETS = 255;

    /** The verdict on {@code line}, octets without their line end. */
    public static RequestVerdict of(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return invalid(ErrorReason.INVALID_UTF8);
        }
        if (text.isEmpty()) {
            return invalid(ErrorReason.EMPTY_LINE);
        }
        if (text.chars().anyMatch(c -> c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)))) {
            return invalid(ErrorReason.BAD_CHARACTER);
        }
        int space = text.indexOf(' ');
        Command command = Command.lookup(space < 0 ? text : text.substring(0, space));
        if (command == null) {
            return invalid(ErrorReason.UNKNOWN_COMMAND);
        }
        String argument = space < 0 ? null : text.substring(space + 1);
        boolean fits = switch (command) {
            case HELO -> argument != null && isHostname(argument);
            case ECHO -> argument != null;
            case REQTIME, REQDATE, REQIP, BYE -> argument == null;
        };
        return fits ? new RequestVerdict(null, command, argument) : invalid(ErrorReason.BAD_ARGUMENT);
    }

    /** The line as the codec's objects should give it: the request, or the invalid request with its reason. */
    public ParsedRequest toParsedRequest() {
        if (error != null) {
            return new InvalidRequest(error);
        }
        return switch (command) {
            case HELO -> new Request.Helo(argument);
            case ECHO -> new Request.Echo(argument);
            case REQTIME -> new Request.ReqTime();
            case REQDATE -> new Request.ReqDate();
            case REQIP -> new Request.ReqIp();
            case BYE -> new Request.Bye();
        };
    }

    private static RequestVerdict invalid(ErrorReason reason) {
        return new RequestVerdict(reason, null, null);
    }

    /** Section 5.1: one word of at most 255 octets; printable ASCII but the space, or L, M, N, P and S beyond. */
    private static boolean isHostname(String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_HOSTNAME_OCTETS) {
            return false;
        }
        return name.codePoints().allMatch(c -> c < 0x80 ? c > 0x20 && c < 0x7f : switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        });
    }
}
