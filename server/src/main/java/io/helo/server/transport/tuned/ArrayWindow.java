package io.helo.server.transport.tuned;

import java.nio.ByteBuffer;

/**
 * One thread's heap buffer over the array it last wrote from, moved to each write's octets instead of made anew: the
 * batch array a thread answers into is its own and reused, so a buffer over it can be too.
 */
final class ArrayWindow {
    private byte[] array;
    private ByteBuffer window;

    /** The octets {@code bytes[0, length)}, as a buffer whose position is 0 and limit {@code length}. */
    ByteBuffer over(byte[] bytes, int length) {
        if (bytes != array) {
            array = bytes;
            window = ByteBuffer.wrap(bytes);
        }
        window.limit(length).position(0);
        return window;
    }
}
