package io.helo.server.transport.tuned;

import java.nio.ByteBuffer;

/**
 * One I/O loop's direct buffer for the octets it hands the kernel. A socket reads into and writes from native memory
 * only: given a heap buffer, the JDK takes a temporary direct one from a per-thread cache, copies through it and puts
 * it back, at every call. A loop that keeps its own copies once and looks nothing up.
 */
final class DirectCopy {
    /**
     * The largest buffer kept: the most octets {@code --max-read} lets a read take. A batch of replies may be longer
     * (the read's replies and one more, up to a whole echoed line): what is past this goes through MINA's queue.
     */
    static final int MAX_CAPACITY = 1 << 20;

    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    /**
     * The first octets of {@code bytes[0, length)}, at most {@link #MAX_CAPACITY} of them, in this copy's buffer,
     * positioned at 0: what a write leaves goes through MINA's queue, as anything the socket does not take.
     */
    ByteBuffer of(byte[] bytes, int length) {
        int take = Math.min(length, MAX_CAPACITY);
        ByteBuffer target = room(take);
        target.put(bytes, 0, take);
        return target.flip();
    }

    /** This copy's buffer, cleared, with room for {@code length} octets and its limit there. */
    ByteBuffer room(int length) {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Math.min(Math.max(length, 2 * buffer.capacity()), MAX_CAPACITY));
        }
        return buffer.clear().limit(length);
    }
}
