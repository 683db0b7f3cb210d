package io.helo.codec.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fuzz input read as a few option octets followed by a payload, so that a seed is written by hand as its options
 * and then the octets of a session. Options past the end of the input read as 0.
 */
public final class FuzzInput {
    private final byte[] bytes;
    private int next;

    /** Reads {@code bytes}, options first. */
    public FuzzInput(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The next option octet, 0 to 255; 0 once the input is used up. */
    public int option() {
        return next < bytes.length ? bytes[next++] & 0xff : 0;
    }

    /** The payload: every octet after the options read so far. */
    public byte[] rest() {
        return Arrays.copyOfRange(bytes, Math.min(next, bytes.length), bytes.length);
    }

    /**
     * {@code payload} with {@code kibibytes} KiB of a printable octet inserted at {@code at} (modulo its length + 1):
     * long lines from a short input.
     */
    public static byte[] withFiller(byte[] payload, int kibibytes, int at) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int split = payload.length == 0 ? 0 : at % (payload.length + 1);
        out.write(payload, 0, split);
        out.writeBytes("z".repeat(kibibytes * 1024).getBytes(StandardCharsets.US_ASCII));
        out.write(payload, split, payload.length - split);
        return out.toByteArray();
    }
}
