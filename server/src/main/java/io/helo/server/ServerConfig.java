package io.helo.server;

import io.helo.codec.HeloProtocol;
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
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: port 8008 on every interface, IPv4 and IPv6, and the limits of PROTOCOL.md. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Collects the values of a {@link ServerConfig}, starting from the defaults. */
    public static final class Builder {
        private List<InetSocketAddress> bindAddresses = List.of(new InetSocketAddress(HeloProtocol.DEFAULT_PORT));
        private int maxLineLength = HeloProtocol.DEFAULT_MAX_LINE_LENGTH;
        private int maxDiscard = HeloProtocol.DEFAULT_MAX_DISCARD;
        private int maxErrors = 10;
        private Duration idleTimeout = Duration.ofSeconds(300);
        private int maxConnections = 10_000;
        private int maxConnectionsPerAddress = 100;
        private int maxUnsentBytes = 64 * 1024;
        private Duration writeTimeout = Duration.ofSeconds(60);
        private Duration lingerTimeout = Duration.ofSeconds(2);
        private Duration drainTimeout = Duration.ofSeconds(10);
        private List<Cidr> trustedProxies = List.of();
        private Duration proxyHeaderTimeout = Duration.ofSeconds(5);
        private Duration quietLineEnd = HeloProtocol.DEFAULT_QUIET_LINE_END;
        private Duration statsInterval = Duration.ZERO;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private Clock clock = Clock.systemDefaultZone();

        private Builder() {
        }

        /** Where to listen. */
        public Builder bindAddresses(List<InetSocketAddress> value) {
            bindAddresses = value;
            return this;
        }

        /** Longest request line, counting its line end. */
        public Builder maxLineLength(int value) {
            maxLineLength = value;
            return this;
        }

        /** Octets of one over-long line discarded before closing. */
        public Builder maxDiscard(int value) {
            maxDiscard = value;
            return this;
        }

        /** Error replies after which the session is closed. */
        public Builder maxErrors(int value) {
            maxErrors = value;
            return this;
        }

        /** Time without a complete request after which the session is closed. */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /** Connections served at once. */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Connections served at once from one IP address. */
        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        /** Unsent reply bytes above which reading from that client pauses. */
        public Builder maxUnsentBytes(int value) {
            maxUnsentBytes = value;
            return this;
        }

        /** Time a client may take none of its unsent replies before it is closed. */
        public Builder writeTimeout(Duration value) {
            writeTimeout = value;
            return this;
        }

        /** How long a session waits, after its last line, for the client to close. */
        public Builder lingerTimeout(Duration value) {
            lingerTimeout = value;
            return this;
        }

        /** How long a shutdown waits for connections to close. */
        public Builder drainTimeout(Duration value) {
            drainTimeout = value;
            return this;
        }

        /** Proxies whose connections must start with a PROXY protocol header (v1 or v2); empty turns it off. */
        public Builder trustedProxies(List<Cidr> value) {
            trustedProxies = value;
            return this;
        }

        /** How long a trusted proxy may take to send its header. */
        public Builder proxyHeaderTimeout(Duration value) {
            proxyHeaderTimeout = value;
            return this;
        }

        /** Quiet time after which bytes without a line end count as a line; zero turns it off. */
        public Builder quietLineEnd(Duration value) {
            quietLineEnd = value;
            return this;
        }

        /** How often the counters are logged at INFO; zero turns it off. */
        public Builder statsInterval(Duration value) {
            statsInterval = value;
            return this;
        }

        /** I/O processor threads. */
        public Builder ioThreads(int value) {
            ioThreads = value;
            return this;
        }

        /** Source of time and date, with their zone. */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** The configuration; throws {@link IllegalArgumentException} if a value is out of range. */
        public ServerConfig build() {
            return new ServerConfig(bindAddresses, maxLineLength, maxDiscard, maxErrors, idleTimeout, maxConnections,
                    maxConnectionsPerAddress, maxUnsentBytes, writeTimeout, lingerTimeout, drainTimeout,
                    trustedProxies, proxyHeaderTimeout, quietLineEnd, statsInterval, ioThreads, clock);
        }
    }
}
