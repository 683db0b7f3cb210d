package io.helo.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalHostnameTest {

    @Test
    void shouldAcceptOnlyNamesThatAreValidHeloArguments() {
        assertThat(LocalHostname.valid("box-1.example\n")).isEqualTo("box-1.example");
        assertThat(LocalHostname.valid("two words")).isNull();
        assertThat(LocalHostname.valid("   ")).isNull();
        assertThat(LocalHostname.valid(null)).isNull();
        assertThat(LocalHostname.valid("a\u001bb")).isNull();
        assertThat(LocalHostname.valid("x".repeat(254))).isNull();
    }

    @Test
    void shouldAlwaysFindSomeValidName() {
        assertThat(LocalHostname.valid(LocalHostname.find())).isNotNull();
    }
}
