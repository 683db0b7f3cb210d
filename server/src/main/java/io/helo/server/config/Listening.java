package io.helo.server.config;

import io.helo.codec.HeloProtocol;
import java.net.InetAddress;
import java.util.List;

/** Where the server listens, and with how many I/O threads. */
public final class Listening {
    /** The TCP port of the protocol. */
    public static final Setting<Integer> PORT = Setting.row("--port", Syntax.count(null)).shortName("-p")
            .label("<port>").defaultValue(HeloProtocol.DEFAULT_PORT).range(Setting.Range.between(0, 65_535))
            .help("TCP port to listen on; 0 picks a free one.").build();
    /** The addresses to listen on, the wildcard address by default: every interface. */
    public static final Setting<List<InetAddress>> BIND = Setting.row("--bind", Syntax.addresses()).shortName("-b")
            .defaultValue(List.of(Syntax.everyInterface())).range(Listening::atLeastOne)
            .help("Address to listen on, repeatable; " + Syntax.EVERY_INTERFACE
                    + " means every interface, IPv4 and IPv6.").build();
    /** The I/O threads, each serving many connections. */
    public static final Setting<Integer> IO_THREADS = Setting.row("--io-threads", Syntax.count("N"))
            .defaultValue(defaultIoThreads()).defaultText("half the cores").meaningDefault(threads -> threads == 0)
            .range(Setting.Range.between(1, 256))
            .help("I/O threads; the default is half the CPU cores (at least one), and so is 0.").build();
    /** Connections the kernel holds for the server before it accepts them (listen's backlog). */
    public static final Setting<Integer> BACKLOG = Setting.row("--listen-backlog", Syntax.count("N"))
            .defaultValue(1024).range(Setting.Range.between(1, 65535))
            .help("Connections the kernel queues before the server accepts them; the kernel caps it at"
                    + " net.core.somaxconn. Beyond it, new connections' SYNs are dropped and retried a second later.")
            .build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Listening", List.of(PORT, BIND, IO_THREADS, BACKLOG));

    private Listening() {
    }

    private static void atLeastOne(String option, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one bind address is needed");
        }
    }

    /**
     * I/O threads by default: half the CPU cores, at least one. Each thread handles many connections; on a machine
     * shared with clients or proxies, more threads than free cores sleep and wake for a few events each, which
     * measured slower (docs/PERFORMANCE.md).
     */
    private static int defaultIoThreads() {
        return Math.min(256, Math.max(1, Runtime.getRuntime().availableProcessors() / 2)); // within the range
    }
}
