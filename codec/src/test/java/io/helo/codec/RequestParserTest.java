package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParserTest {

    @Test
    void shouldParseEveryCommand() {
        assertThat(RequestParser.parse("HELO mycomputer")).isEqualTo(new Request.Helo("mycomputer"));
        assertThat(RequestParser.parse("REQTIME")).isEqualTo(new Request.ReqTime());
        assertThat(RequestParser.parse("REQDATE")).isEqualTo(new Request.ReqDate());
        assertThat(RequestParser.parse("ECHO this is some random text."))
                .isEqualTo(new Request.Echo("this is some random text."));
        assertThat(RequestParser.parse("REQIP")).isEqualTo(new Request.ReqIp());
        assertThat(RequestParser.parse("BYE")).isEqualTo(new Request.Bye());
    }

    @ParameterizedTest
    @ValueSource(strings = {"helo box", "Helo box", "hElO box"})
    void shouldMatchCommandNamesWithoutRegardToCase(String line) {
        assertThat(RequestParser.parse(line)).isEqualTo(new Request.Helo("box"));
    }

    @Test
    void shouldKeepEchoTextVerbatimAfterTheSingleSpace() {
        assertThat(RequestParser.parse("ECHO  two  spaces ")).isEqualTo(new Request.Echo(" two  spaces "));
        assertThat(RequestParser.parse("ECHO ")).isEqualTo(new Request.Echo(""));
        assertThat(RequestParser.parse("echo ERR helo-required x")).isEqualTo(new Request.Echo("ERR helo-required x"));
        assertThat(RequestParser.parse("ECHO tab\there café ✓")).isEqualTo(new Request.Echo("tab\there café ✓"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                | EMPTY_LINE",
        "FOO               | UNKNOWN_COMMAND",
        "GET / HTTP/1.1    | UNKNOWN_COMMAND",
        "' HELO x'         | UNKNOWN_COMMAND",
        "HELO              | BAD_ARGUMENT",
        "'HELO '           | BAD_ARGUMENT",
        "'HELO  x'         | BAD_ARGUMENT",
        "HELO two words    | BAD_ARGUMENT",
        "'HELO tab\there'  | BAD_ARGUMENT",
        "ECHO              | BAD_ARGUMENT",
        "REQTIME now       | BAD_ARGUMENT",
        "'REQTIME '        | BAD_ARGUMENT",
        "REQDATE x         | BAD_ARGUMENT",
        "REQIP x           | BAD_ARGUMENT",
        "BYE now           | BAD_ARGUMENT",
        "'   '             | UNKNOWN_COMMAND",
        "'HELO\ttab'        | UNKNOWN_COMMAND",
    })
    void shouldRejectInvalidLinesWithTheirReason(String line, ErrorReason reason) {
        String unescaped = line.replace("\\t", "\t");
        assertThat(RequestParser.parse(unescaped)).isEqualTo(new InvalidRequest(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECHO a\u0000b", "ECHO a\rb", "HELO a\u001b[31m", "ECHO \u007f", "ECHO \u0085", "\u0000"})
    void shouldRejectControlCharactersBeforeAnythingElse(String line) {
        assertThat(RequestParser.parse(line)).isEqualTo(new InvalidRequest(ErrorReason.BAD_CHARACTER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELO r\u00e9seau", "HELO \u4e2d\u6587", "HELO m\u00fcller-pc_2", "HELO \ud83d\ude00", "HELO a.b-c"})
    void shouldAcceptHostnamesOfLettersMarksNumbersPunctuationAndSymbols(String line) {
        assertThat(RequestParser.parse(line)).isInstanceOf(Request.Helo.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELO a\u2028b", "HELO a\u00a0b", "HELO a\u3000b", "HELO a\ufffeb", "HELO a\u200bb",
        "HELO a\u202eb", "HELO \ue000", "HELO a\u0378b"})
    void shouldRefuseSeparatorsFormatPrivateAndUnassignedCharactersInAHostname(String line) {
        assertThat(RequestParser.parse(line)).isEqualTo(new InvalidRequest(ErrorReason.BAD_ARGUMENT));
    }

    @Test
    void shouldLimitAHostnameTo255Octets() {
        assertThat(RequestParser.parse("HELO " + "h".repeat(255))).isInstanceOf(Request.Helo.class);
        assertThat(RequestParser.parse("HELO " + "h".repeat(256))).isEqualTo(new InvalidRequest(ErrorReason.BAD_ARGUMENT));
        assertThat(RequestParser.parse("HELO " + "\u00e9".repeat(128))).as("256 octets in 128 characters")
                .isEqualTo(new InvalidRequest(ErrorReason.BAD_ARGUMENT));
        assertThatThrownBy(() -> new Request.Helo("h".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeAnUnpairedSurrogateAsInvalidUtf8() {
        assertThat(RequestParser.parse("ECHO \ud800")).isEqualTo(new InvalidRequest(ErrorReason.INVALID_UTF8));
    }

    @Test
    void shouldParseTheSameFromOctetsInPlace() {
        byte[] buffer = "xxHELO box\r\nECHO caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RequestLine line = new RequestLine();
        assertThat(line.parse(buffer, 2, 10).command()).isEqualTo(Command.HELO);
        assertThat(line.argument()).isEqualTo("box");
        assertThat(line.parse(buffer, 12, buffer.length).toParsedRequest()).isEqualTo(new Request.Echo("caf\u00e9"));
        assertThat(new String(buffer, line.argumentFrom(), line.argumentTo() - line.argumentFrom(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("caf\u00e9");
        assertThat(line.parse(buffer, 0, 0).error()).isEqualTo(ErrorReason.EMPTY_LINE);
        assertThat(line.command()).isNull();
    }

    @Test
    void shouldWriteEachRequestInItsWireForm() {
        assertThat(new Request.Helo("box").line()).isEqualTo("HELO box");
        assertThat(new Request.ReqTime().line()).isEqualTo("REQTIME");
        assertThat(new Request.ReqDate().line()).isEqualTo("REQDATE");
        assertThat(new Request.Echo(" x ").line()).isEqualTo("ECHO  x ");
        assertThat(new Request.ReqIp().line()).isEqualTo("REQIP");
        assertThat(new Request.Bye().line()).isEqualTo("BYE");
    }

    @Test
    void shouldRefuseToBuildRequestsThatCannotTravelOnOneLine() {
        assertThatThrownBy(() -> new Request.Echo("a\r\nBYE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Request.Helo("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Request.Helo("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMatchACommandNameOnlyWithEveryOctetRightInSomeCase() {
        for (Command command : Command.values()) {
            byte[] name = command.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int at = 0; at < name.length; at++) {
                for (int b = 0; b < 256; b++) {
                    byte[] altered = name.clone();
                    altered[at] = (byte) b;
                    boolean sameLetter = Character.toUpperCase((char) b) == name[at];
                    assertThat(Command.lookup(altered, 0, altered.length) == command).as("%s with %02x at %d",
                            command, b, at).isEqualTo(sameLetter);
                }
            }
            assertThat(Command.lookup(name, 0, name.length - 1)).isNotEqualTo(command);
        }
    }

    @Test
    void shouldLookUpCommandsInAnyCase() {
        for (Command command : Command.values()) {
            assertThat(Command.lookup(command.name().toLowerCase(java.util.Locale.ROOT))).isEqualTo(command);
        }
        assertThat(Command.lookup("NOPE")).isNull();
    }
}
