package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void shouldSayItselfAsTheOptionsThatSetIt() {
        Limits limits = new Limits(100, 2, 30, 4, 500, 60, 7);

        assertThat(limits.arguments()).containsExactly("--memory", "100", "--cpu", "2", "--processes", "30",
                "--file-size", "4", "--open-files", "500", "--disk", "60", "--output-cap", "7");
    }

    @Test
    void shouldNameTheOptionOutOfItsRange() {
        assertThat(new Limits(1, 2, 30, 4, 500, 60, 7).problem()).contains("--memory");
        assertThat(Limits.DEFAULTS.problem()).isNull();
    }
}
