package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForeignProtocolTest {
    @Test
    void shouldTakeOnlyVersionsZeroToFourOfAHandshakeRecordForTls() {
        assertThat(ForeignProtocol.ofFirstOctets(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}, 0, 5))
                .isEqualTo(ForeignProtocol.TLS);
        assertThat(ForeignProtocol.ofFirstOctets(new byte[] {0x16, 0x03, 0x04}, 0, 3)).isEqualTo(ForeignProtocol.TLS);
        assertThat(ForeignProtocol.ofFirstOctets(new byte[] {0x16, 0x03, 0x05}, 0, 3)).isNull();
        assertThat(ForeignProtocol.ofFirstOctets(new byte[] {0x16, 0x03, (byte) 0x80}, 0, 3)).isNull();
        assertThat(ForeignProtocol.ofFirstOctets(new byte[] {0x16, 0x03, (byte) 0xff, 0x0a}, 0, 4)).isNull();
    }
}
