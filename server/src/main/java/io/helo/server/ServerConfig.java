package io.helo.server;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link HeloServer} listens on, its limits, and its clock. Build one with {@link #builder()}; every
 * value has the default documented in PROTOCOL.md, section "Limits".
 *
 * @param bindAddresses where to listen; port 0 picks a free port
 * @param maxLineLength the longest request line accepted, in octets, counting the line terminator
 * @param maxDiscard octets of one over-long line discarded before the server closes the connection
 * @param maxErrors error replies after which the server closes the session
 * @param idleTimeout time without a complete request after which the server closes the session
 * @param maxConnections connections served at once; more are told the server is busy
 * @param maxConnectionsPerAddress connections served at once from one client IP address
 * @param maxUnsentBytes unsent reply bytes above which the server stops reading from that client
 * @param writeTimeout time a client with unsent replies may take none of them before it is closed
 * @param lingerTimeout how long, after its last line, a session waits for the client to close before closing it
 * @param drainTimeout how long a shutdown waits for connections to close by themselves
 * @param trustedProxies addresses of proxies whose connections must start with a PROXY protocol header; empty: off
 * @param proxyHeaderTimeout how long a trusted proxy may take to send its header
 * @param quietLineEnd quiet time after which bytes without a line end count as a line (legacy peers); zero: off
 * @param statsInterval how often a summary of the counters is logged at INFO; zero: never
 * @param ioThreads I/O processor threads
 * @param clock the source of REQTIME and REQDATE, with the zone they are given in
 */
public record ServerConfig(List<InetSocketAddress> bindAddresses, int maxLineLength, int maxDiscard, int maxErrors,
        Duration idleTimeout, int maxConnections, int maxConnectionsPerAddress, int maxUnsentBytes,
        Duration writeTimeout, Duration lingerTimeout, Duration drainTimeout, List<Cidr> trustedProxies,
        Duration proxyHeaderTimeout, Duration quietLineEnd, Duration statsInterval, int ioThreads, Clock clock) {

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
    /** Time a client may take none of its unsent replies before it is cut, by default. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(60);
    /** Time a session waits after its last line for the client to close, by default. */
    public static final Duration DEFAULT_LINGER_TIMEOUT = Duration.ofSeconds(2);
    /** Time a shutdown waits for connections to close, by default. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Time a trusted proxy has to send its PROXY header, by default. */
    public static final Duration DEFAULT_PROXY_HEADER_TIMEOUT = Duration.ofSeconds(5);
    /** How often the counters are logged, by default: never. */
    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ZERO;

    /** Checks every value. */
    public ServerConfig {
        bindAddresses = List.copyOf(bindAddresses);
        require(!bindAddresses.isEmpty(), "at least one bind address is needed");
        require(maxLineLength >= 16, "max line length must be at least 16 octets: " + maxLineLength);
        require(maxDiscard >= 0, "max discard must not be negative: " + maxDiscard);
        require(maxErrors >= 1, "max errors must be at least 1: " + maxErrors);
        require(positive(idleTimeout), "idle timeout must be positive");
        require(maxConnections >= 1, "max connections must be at least 1: " + maxConnections);
        require(maxConnectionsPerAddress >= 1, "max connections per address must be at least 1");
        require(maxUnsentBytes >= 1024, "max unsent bytes must be at least 1024: " + maxUnsentBytes);
        require(positive(writeTimeout), "write timeout must be positive");
        require(lingerTimeout != null && !lingerTimeout.isNegative(), "linger timeout must not be negative");
        require(drainTimeout != null && !drainTimeout.isNegative(), "drain timeout must not be negative");
        trustedProxies = List.copyOf(trustedProxies);
        require(positive(proxyHeaderTimeout), "proxy header timeout must be positive");
        require(quietLineEnd != null && !quietLineEnd.isNegative() && quietLineEnd.compareTo(Duration.ofSeconds(10)) <= 0,
                "quiet line end must be between 0 and 10 s");
        require(statsInterval != null && !statsInterval.isNegative(), "stats interval must not be negative");
        require(ioThreads >= 1, "I/O threads must be at least 1: " + ioThreads);
        Objects.requireNonNull(clock, "clock");
    }

    /** A builder holding the defaults. */
    public static ServerConfigBuilder builder() {
        return new ServerConfigBuilder();
    }

    /** The defaults: port 8008 on every interface, IPv4 and IPv6, and the limits of PROTOCOL.md. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** I/O threads by default: one per CPU core. */
    public static int defaultIoThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
