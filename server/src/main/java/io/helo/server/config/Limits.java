package io.helo.server.config;

import io.helo.codec.HeloProtocol;
import java.util.List;

/** What one client may send and make the server hold, and what all of them together may (PROTOCOL.md, "Limits"). */
public final class Limits {
    private static final int MEBI = 1024 * 1024;

    /** The longest request line, in octets, counting the line end. */
    public static final Setting<Integer> MAX_LINE_LENGTH = Setting.row("--max-line-length", Syntax.count("OCTETS"))
            .defaultValue(HeloProtocol.DEFAULT_MAX_LINE_LENGTH).range(Setting.Range.between(16, MEBI))
            .help("Longest request line accepted, counting CRLF; longer lines get an error reply.").build();
    /** Octets of one over-long line, or after a session's last line, discarded before closing. */
    public static final Setting<Integer> MAX_DISCARD = Setting.row("--max-discard", Syntax.count("OCTETS"))
            .defaultValue(HeloProtocol.DEFAULT_MAX_DISCARD).range(Setting.Range.between(0, 1024L * MEBI))
            .help("Octets of one over-long line discarded before the connection is closed.").build();
    /** Error replies after which the server closes the session. */
    public static final Setting<Integer> MAX_ERRORS = Setting.row("--max-errors", Syntax.count("N"))
            .defaultValue(10).range(Setting.Range.between(1, 1_000_000))
            .help("Error replies after which a session is closed.").build();
    /** Unsent reply octets above which the server stops reading from that client. */
    public static final Setting<Integer> MAX_UNSENT = Setting.row("--max-unsent", Syntax.count("OCTETS"))
            .defaultValue(64 * 1024).range(Setting.Range.between(1024, 1024L * MEBI))
            .help("Unsent reply octets above which the server stops reading from that client.").build();
    /**
     * The most octets read from a client at once, and of replies answered for it per turn of the event loop: what
     * one client may hold of unanswered requests, and the work it gets before others are served.
     */
    public static final Setting<Integer> MAX_READ = Setting.row("--max-read", Syntax.count("OCTETS"))
            .defaultValue(16 * 1024).range(Setting.Range.between(1024, MEBI))
            .help("Most octets read from a client at once, and of replies answered for it before other clients are"
                    + " served.").build();
    /**
     * Octets held for all clients together (unsent replies, unanswered requests) above which no client with unsent
     * replies is read from; a quarter of the JVM's maximum heap by default.
     */
    public static final Setting<Long> MAX_HELD_BYTES = Setting.row("--max-held-bytes", Syntax.octets())
            .defaultValue(Runtime.getRuntime().maxMemory() / 4).defaultText("a quarter of the heap")
            .range(Setting.Range.between(64 * 1024, Long.MAX_VALUE / 2))
            .help("Octets held for all clients together (unsent replies, requests not yet answered) above which no"
                    + " client with unsent replies is read from; the default is a quarter of the maximum heap.")
            .build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("Limits", List.of(MAX_LINE_LENGTH, MAX_DISCARD,
            MAX_ERRORS, MAX_UNSENT, MAX_READ, MAX_HELD_BYTES));

    private Limits() {
    }
}
