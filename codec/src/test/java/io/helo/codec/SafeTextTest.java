package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void shouldEscapeEveryControlCharacter() {
        assertThat(SafeText.escape("a\r\nb\tc\\d\u0000\u001b[31m\u007f\u0085\u2028"))
                .isEqualTo("a\\r\\nb\\tc\\\\d\\x00\\x1b[31m\\x7f\\u0085\\u2028");
    }

    @Test
    void shouldEscapeInvisibleFormatCharactersThatCouldDisguiseALogLine() {
        assertThat(SafeText.escape("user\u202etxt.exe\u200b")).isEqualTo("user\\u202etxt.exe\\u200b");
    }

    @Test
    void shouldCapTheLengthAndSayHowLongTheTextWas() {
        String escaped = SafeText.escape("x".repeat(500));
        assertThat(escaped).isEqualTo("x".repeat(SafeText.MAX_LENGTH) + "...(500 chars)");
    }

    @Test
    void shouldKeepPrintableTextAsItIs() {
        assertThat(SafeText.escape("café ✓ box-1")).isEqualTo("café ✓ box-1");
        assertThat(SafeText.escape(null)).isEqualTo("(none)");
    }
}
