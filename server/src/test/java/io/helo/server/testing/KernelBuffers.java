package io.helo.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much a TCP connection on this machine can hold in the kernel, so that a flood is sure to exceed it. */
public final class KernelBuffers {
    private static final long DEFAULT_SEND_MAX = 4L * 1024 * 1024; // Linux's own default, if /proc says nothing
    private static final long DEFAULT_RECEIVE = 128L * 1024;

    private KernelBuffers() {
    }

    /**
     * Replies of {@code replyLength} octets that surely overflow what the kernel holds for a client that reads
     * nothing: the server's send buffer at its largest, the client's receive buffer as it starts, with margin.
     *
     * @param replyLength the octets of one reply, line end included
     * @return the number of replies to ask for
     */
    public static int repliesToFill(int replyLength) {
        long held = field("tcp_wmem", 2, DEFAULT_SEND_MAX) + field("tcp_rmem", 1, DEFAULT_RECEIVE);
        return (int) (held * 5 / 2 / replyLength);
    }

    /** The {@code index}th number of {@code /proc/sys/net/ipv4/name} ("min default max"). */
    private static long field(String name, int index, long fallback) {
        try {
            String[] values = Files.readString(Path.of("/proc/sys/net/ipv4", name)).trim().split("\\s+");
            return Long.parseLong(values[index]);
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
