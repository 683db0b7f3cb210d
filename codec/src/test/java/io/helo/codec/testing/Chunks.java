package io.helo.codec.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Ways to cut a stream of octets into reads, chosen by one option octet of a fuzz input. */
public final class Chunks {
    private Chunks() {
    }

    /**
     * The ends of the reads {@code [0, length)} is cut into: one read for style 0, one octet per read for style 1,
     * else reads of 1 to {@code style} octets drawn from a generator seeded with {@code style}.
     */
    public static List<Integer> ends(int length, int style) {
        List<Integer> ends = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(style);
        for (int at = 0; at < length; ) {
            int size = style == 0 ? length : style == 1 ? 1 : 1 + random.nextInt(style);
            at = Math.min(length, at + size);
            ends.add(at);
        }
        return ends;
    }
}
