package io.helo.server.transport.tuned;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArrayWindowTest {
    private final ArrayWindow window = new ArrayWindow();

    @Test
    void shouldShowEachWriteItsOwnOctetsThroughOneBufferWhileTheArrayStaysTheSame() {
        byte[] batch = "ECHO one\r\nECHO two\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer first = window.over(batch, 5);
        first.position(first.limit()); // written whole, as a write leaves it
        ByteBuffer second = window.over(batch, 10);

        assertThat(second).isSameAs(first);
        assertThat(second.position()).isZero();
        assertThat(text(second)).isEqualTo("ECHO one\r\n");
    }

    @Test
    void shouldFollowTheThreadToANewArray() {
        byte[] grown = "a longer batch\r\n".getBytes(StandardCharsets.US_ASCII);
        window.over(new byte[4], 4);

        assertThat(text(window.over(grown, grown.length))).isEqualTo("a longer batch\r\n");
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
