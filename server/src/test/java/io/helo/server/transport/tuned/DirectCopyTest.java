package io.helo.server.transport.tuned;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DirectCopyTest {
    private final DirectCopy copy = new DirectCopy();

    @Test
    void shouldHoldEachWritesOwnOctetsInOneDirectBuffer() {
        byte[] batch = "ECHO one\r\nECHO two\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer first = copy.of(batch, 20);
        first.position(first.limit()); // written whole, as a write leaves it
        ByteBuffer second = copy.of(batch, 10);

        assertThat(second).isSameAs(first);
        assertThat(second.isDirect()).isTrue();
        assertThat(second.position()).isZero();
        assertThat(text(second)).isEqualTo("ECHO one\r\n");
    }

    @Test
    void shouldGrowForALongerBatch() {
        copy.of(new byte[4], 4);
        byte[] grown = "a longer batch\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(text(copy.of(grown, grown.length))).isEqualTo("a longer batch\r\n");
    }

    @Test
    void shouldHoldNoMoreThanItsLargestBufferAndLeaveTheRestToTheCaller() {
        byte[] huge = new byte[DirectCopy.MAX_CAPACITY + 10];
        Arrays.fill(huge, (byte) 'x');
        huge[DirectCopy.MAX_CAPACITY - 1] = 'y';

        ByteBuffer held = copy.of(huge, huge.length);

        assertThat(held.remaining()).isEqualTo(DirectCopy.MAX_CAPACITY);
        assertThat(held.get(DirectCopy.MAX_CAPACITY - 1)).isEqualTo((byte) 'y');
    }

    @Test
    void shouldGiveRoomForARead() {
        ByteBuffer room = copy.room(16);

        assertThat(room.isDirect()).isTrue();
        assertThat(room.position()).isZero();
        assertThat(room.limit()).isEqualTo(16);
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
