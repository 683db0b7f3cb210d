package io.helo.server;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link HeloServer} listens on, its limits, and its clock. Build one with {@link #builder()}; every value
 * has the default documented in PROTOCOL.md (section 7) and README, and a range it is checked against.
 *
 * @param bindAddresses where to listen; port 0 picks a free port
 * @param maxLineLength the longest request line accepted, in octets, counting the line end
 * @param maxDiscard octets of one over-long line, or after a session's last line, discarded before closing
 * @param maxErrors error replies after which the server closes the session
 * @param idleTimeout time without a complete request after which the server closes the session
 * @param maxConnections connections served at once; more are told the server is busy
 * @param maxConnectionsPerAddress connections served at once from one client IP address
 * @param maxUnsentBytes unsent reply octets above which the server stops reading from that client
 * @param maxReadBytes the most octets read from a client at once, and of replies answered for it per turn of the
 *     event loop: what one client may hold of unanswered requests, and the work it gets before others are served
 * @param maxHeldBytes octets held for all clients together (unsent replies, unanswered requests) above which no
 *     client with unsent replies is read from
 * @param writeTimeout time a client with unsent replies may take none of them before it is closed
 * @param lingerTimeout how long, after its last line, a session waits for the client to close before closing it
 * @param drainGrace how long a shutdown goes on serving, failing a balancer's health checks, before it stops accepting
 * @param drainTimeout how long a shutdown waits for connections to close by themselves
 * @param trustedProxies addresses of proxies whose connections must start with a PROXY protocol header; empty: off
 * @param proxyHeaderTimeout how long a trusted proxy may take to send its header
 * @param quietLineEnd quiet time after which bytes without a line end count as a line (legacy peers); zero: off
 * @param statsInterval how often a summary of the counters is logged at INFO; zero: never
 * @param logRate per-connection log lines a second, beyond which they are only counted; zero: no limit
 * @param ioThreads I/O processor threads
 * @param tls where and with what certificate to serve TLS clients; null: no TLS
 * @param clock the source of REQTIME and REQDATE, with the zone they are given in
 */
public record ServerConfig(List<InetSocketAddress> bindAddresses, int maxLineLength, int maxDiscard, int maxErrors,
        Duration idleTimeout, int maxConnections, int maxConnectionsPerAddress, int maxUnsentBytes, int maxReadBytes,
        long maxHeldBytes,
        Duration writeTimeout, Duration lingerTimeout, Duration drainGrace, Duration drainTimeout,
        List<Cidr> trustedProxies,
        Duration proxyHeaderTimeout, Duration quietLineEnd, Duration statsInterval, int logRate, int ioThreads,
        TlsConfig tls, Clock clock) {

    /** Error replies after which a session is closed, by default. */
    public static final int DEFAULT_MAX_ERRORS = 10;
    /** Time without a complete request after which a session is closed, by default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);
    /** Connections served at once, by default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Connections served at once from one client address, by default. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;
    /** Unsent reply octets above which reading from a client pauses, by default. */
    public static final int DEFAULT_MAX_UNSENT_BYTES = 64 * 1024;
    /** Octets read at once, and replied per turn, by default. */
    public static final int DEFAULT_MAX_READ_BYTES = 16 * 1024;
    /** Octets held for all clients together, by default: a quarter of the JVM's maximum heap. */
    public static final long DEFAULT_MAX_HELD_BYTES = Runtime.getRuntime().maxMemory() / 4;
    /** Time a client may take none of its unsent replies before it is cut, by default. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(60);
    /** Time a session waits after its last line for the client to close, by default. */
    public static final Duration DEFAULT_LINGER_TIMEOUT = Duration.ofSeconds(2);
    /** Time a shutdown waits for connections to close, by default. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Time a shutdown goes on serving while failing a balancer's health checks, by default: none. */
    public static final Duration DEFAULT_DRAIN_GRACE = Duration.ZERO;
    /** Time a trusted proxy has to send its PROXY header, by default. */
    public static final Duration DEFAULT_PROXY_HEADER_TIMEOUT = Duration.ofSeconds(5);
    /** How often the counters are logged, by default: never. */
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ZERO;
    /** Per-connection log lines a second, by default. */
    public static final int DEFAULT_LOG_RATE = 100;

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MEBI = 1024 * 1024;

    /**
     * Checks every value against its range; the message names the command line option it comes from.
     *
     * @param bindAddresses where to listen; port 0 picks a free port
     * @param maxLineLength the longest request line accepted, in octets, counting the line end
     * @param maxDiscard octets of one over-long line, or after a session's last line, discarded before closing
     * @param maxErrors error replies after which the server closes the session
     * @param idleTimeout time without a complete request after which the server closes the session
     * @param maxConnections connections served at once; more are told the server is busy
     * @param maxConnectionsPerAddress connections served at once from one client IP address
     * @param maxUnsentBytes unsent reply octets above which the server stops reading from that client
     * @param maxReadBytes the most octets read from a client at once, and of replies answered for it per turn of the
     *     event loop: what one client may hold of unanswered requests, and the work it gets before others are served
     * @param maxHeldBytes octets held for all clients together (unsent replies, unanswered requests) above which no
     *     client with unsent replies is read from
     * @param writeTimeout time a client with unsent replies may take none of them before it is closed
     * @param lingerTimeout how long, after its last line, a session waits for the client to close before closing it
     * @param drainGrace how long a shutdown goes on serving, failing a balancer's health checks, before it stops accepting
     * @param drainTimeout how long a shutdown waits for connections to close by themselves
     * @param trustedProxies addresses of proxies whose connections must start with a PROXY protocol header; empty: off
     * @param proxyHeaderTimeout how long a trusted proxy may take to send its header
     * @param quietLineEnd quiet time after which bytes without a line end count as a line (legacy peers); zero: off
     * @param statsInterval how often a summary of the counters is logged at INFO; zero: never
     * @param logRate per-connection log lines a second, beyond which they are only counted; zero: no limit
     * @param ioThreads I/O processor threads
     * @param tls where and with what certificate to serve TLS clients; null: no TLS
     * @param clock the source of REQTIME and REQDATE, with the zone they are given in
     * @throws IllegalArgumentException if a value is out of its range
     */
    public ServerConfig {
        bindAddresses = List.copyOf(bindAddresses);
        Limits.require(!bindAddresses.isEmpty(), "at least one bind address is needed");
        Limits.count("--max-line-length", maxLineLength, 16, MEBI);
        Limits.count("--max-discard", maxDiscard, 0, 1024 * MEBI);
        Limits.count("--max-errors", maxErrors, 1, 1_000_000);
        Limits.duration("--idle-timeout", idleTimeout, Duration.ofSeconds(1), DAY);
        Limits.count("--max-connections", maxConnections, 1, 1_000_000);
        Limits.count("--max-connections-per-ip", maxConnectionsPerAddress, 1, 1_000_000);
        Limits.count("--max-unsent", maxUnsentBytes, 1024, 1024 * MEBI);
        Limits.count("--max-read", maxReadBytes, 1024, MEBI);
        Limits.count("--max-held-bytes", maxHeldBytes, 64 * 1024, Long.MAX_VALUE / 2);
        Limits.duration("--write-timeout", writeTimeout, Duration.ofSeconds(1), DAY);
        Limits.duration("--linger-timeout", lingerTimeout, Duration.ZERO, HOUR);
        Limits.duration("--drain-grace", drainGrace, Duration.ZERO, HOUR);
        Limits.duration("--drain-timeout", drainTimeout, Duration.ZERO, DAY);
        trustedProxies = List.copyOf(trustedProxies);
        Limits.duration("--proxy-header-timeout", proxyHeaderTimeout, Duration.ofMillis(1), HOUR);
        Limits.duration("--quiet-line-end", quietLineEnd, Duration.ZERO, Duration.ofSeconds(10));
        Limits.duration("--stats-interval", statsInterval, Duration.ZERO, DAY);
        Limits.count("--log-rate", logRate, 0, 1_000_000);
        Limits.count("--io-threads", ioThreads, 1, 256);
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static ServerConfigBuilder builder() {
        return new ServerConfigBuilder();
    }

    /**
     * The defaults: port 8008 on every interface, IPv4 and IPv6, and the limits of PROTOCOL.md.
     *
     * @return the default configuration
     */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /**
     * I/O threads by default: half the CPU cores, at least one. Each thread handles many connections; on a machine
     * shared with clients or proxies, more threads than free cores sleep and wake for a few events each, which
     * measured slower (docs/PERFORMANCE.md).
     *
     * @return the default number of I/O threads
     */
    public static int defaultIoThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
