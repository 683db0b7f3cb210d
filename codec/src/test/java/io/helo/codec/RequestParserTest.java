package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParserTest {

    @Test
    void shouldParseEveryCommand() throws ProtocolException {
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
    void shouldMatchCommandNamesWithoutRegardToCase(String line) throws ProtocolException {
        assertThat(RequestParser.parse(line)).isEqualTo(new Request.Helo("box"));
    }

    @Test
    void shouldKeepEchoTextVerbatimAfterTheSingleSpace() throws ProtocolException {
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
    })
    void shouldRejectInvalidLinesWithTheirReason(String line, ErrorReason reason) {
        String unescaped = line.replace("\\t", "\t");
        assertThatThrownBy(() -> RequestParser.parse(unescaped))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECHO a\u0000b", "ECHO a\rb", "HELO a\u001b[31m", "ECHO \u007f", "ECHO \u0085", "\u0000"})
    void shouldRejectControlCharactersBeforeAnythingElse(String line) {
        assertThatThrownBy(() -> RequestParser.parse(line))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.BAD_CHARACTER));
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
    void shouldLookUpCommandsInAnyCase() {
        for (Command command : Command.values()) {
            assertThat(Command.lookup(command.name().toLowerCase(java.util.Locale.ROOT))).isEqualTo(command);
        }
        assertThat(Command.lookup("NOPE")).isNull();
    }
}
