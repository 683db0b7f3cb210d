package io.helo.server;

import io.helo.codec.HeloProtocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Collects the values of a {@link ServerConfig}, starting from the defaults. */
public final class ServerConfigBuilder {
    private List<InetSocketAddress> bindAddresses = List.of(new InetSocketAddress(HeloProtocol.DEFAULT_PORT));
    private int maxLineLength = HeloProtocol.DEFAULT_MAX_LINE_LENGTH;
    private int maxDiscard = HeloProtocol.DEFAULT_MAX_DISCARD;
    private int maxErrors = ServerConfig.DEFAULT_MAX_ERRORS;
    private Duration idleTimeout = ServerConfig.DEFAULT_IDLE_TIMEOUT;
    private int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;
    private int maxConnectionsPerAddress = ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private int maxUnsentBytes = ServerConfig.DEFAULT_MAX_UNSENT_BYTES;
    private int maxReadBytes = ServerConfig.DEFAULT_MAX_READ_BYTES;
    private long maxHeldBytes = ServerConfig.DEFAULT_MAX_HELD_BYTES;
    private Duration writeTimeout = ServerConfig.DEFAULT_WRITE_TIMEOUT;
    private Duration lingerTimeout = ServerConfig.DEFAULT_LINGER_TIMEOUT;
    private Duration drainGrace = ServerConfig.DEFAULT_DRAIN_GRACE;
    private Duration drainTimeout = ServerConfig.DEFAULT_DRAIN_TIMEOUT;
    private List<Cidr> trustedProxies = List.of();
    private Duration proxyHeaderTimeout = ServerConfig.DEFAULT_PROXY_HEADER_TIMEOUT;
    private Duration quietLineEnd = HeloProtocol.DEFAULT_QUIET_LINE_END;
    private Duration statsInterval = ServerConfig.DEFAULT_STATS_INTERVAL;
    private int logRate = ServerConfig.DEFAULT_LOG_RATE;
    private int ioThreads = ServerConfig.defaultIoThreads();
    private TlsConfig tls;
    private Clock clock = Clock.systemDefaultZone();

    ServerConfigBuilder() {
    }

    /**
     * Where to listen.
     *
     * @param value the addresses to bind, at least one; port 0 picks a free port
     * @return this builder
     */
    public ServerConfigBuilder bindAddresses(List<InetSocketAddress> value) {
        bindAddresses = value;
        return this;
    }

    /**
     * Longest request line, counting its line end.
     *
     * @param value the length in octets, 16 to 1 MiB
     * @return this builder
     */
    public ServerConfigBuilder maxLineLength(int value) {
        maxLineLength = value;
        return this;
    }

    /**
     * Octets of one over-long line discarded before closing.
     *
     * @param value the octets, 0 to 1 GiB
     * @return this builder
     */
    public ServerConfigBuilder maxDiscard(int value) {
        maxDiscard = value;
        return this;
    }

    /**
     * Error replies after which the session is closed.
     *
     * @param value the number of error replies, 1 to 1,000,000
     * @return this builder
     */
    public ServerConfigBuilder maxErrors(int value) {
        maxErrors = value;
        return this;
    }

    /**
     * Time without a complete request after which the session is closed.
     *
     * @param value the timeout, 1 second to 1 day
     * @return this builder
     */
    public ServerConfigBuilder idleTimeout(Duration value) {
        idleTimeout = value;
        return this;
    }

    /**
     * Connections served at once.
     *
     * @param value the number of connections, 1 to 1,000,000
     * @return this builder
     */
    public ServerConfigBuilder maxConnections(int value) {
        maxConnections = value;
        return this;
    }

    /**
     * Connections served at once from one IP address.
     *
     * @param value the number of connections, 1 to 1,000,000
     * @return this builder
     */
    public ServerConfigBuilder maxConnectionsPerAddress(int value) {
        maxConnectionsPerAddress = value;
        return this;
    }

    /**
     * Unsent reply bytes above which reading from that client pauses.
     *
     * @param value the octets, 1 KiB to 1 GiB
     * @return this builder
     */
    public ServerConfigBuilder maxUnsentBytes(int value) {
        maxUnsentBytes = value;
        return this;
    }

    /**
     * The most octets read from a client at once, and of replies answered for it per turn.
     *
     * @param value the octets, 1 KiB to 1 MiB
     * @return this builder
     */
    public ServerConfigBuilder maxReadBytes(int value) {
        maxReadBytes = value;
        return this;
    }

    /**
     * Octets held for all clients together above which no client with unsent replies is read from.
     *
     * @param value the octets, at least 64 KiB
     * @return this builder
     */
    public ServerConfigBuilder maxHeldBytes(long value) {
        maxHeldBytes = value;
        return this;
    }

    /**
     * Time a client may take none of its unsent replies before it is closed.
     *
     * @param value the timeout, 1 second to 1 day
     * @return this builder
     */
    public ServerConfigBuilder writeTimeout(Duration value) {
        writeTimeout = value;
        return this;
    }

    /**
     * How long a session waits, after its last line, for the client to close.
     *
     * @param value the timeout, zero to 1 hour
     * @return this builder
     */
    public ServerConfigBuilder lingerTimeout(Duration value) {
        lingerTimeout = value;
        return this;
    }

    /**
     * How long a shutdown goes on serving first while failing a balancer's health checks (its PROXY protocol LOCAL
     * connections are answered {@code ERR shutting-down}, {@code /health} says 503): the balancer sends new clients
     * elsewhere, and sessions in progress finish undisturbed, before the server stops accepting.
     *
     * @param value the grace, zero (the default: stop accepting at once) to 1 hour
     * @return this builder
     */
    public ServerConfigBuilder drainGrace(Duration value) {
        drainGrace = value;
        return this;
    }

    /**
     * How long a shutdown waits for connections to close.
     *
     * @param value the timeout, zero to 1 day
     * @return this builder
     */
    public ServerConfigBuilder drainTimeout(Duration value) {
        drainTimeout = value;
        return this;
    }

    /**
     * Proxies whose connections must start with a PROXY protocol header (v1 or v2); empty turns it off.
     *
     * @param value the address ranges of the trusted proxies
     * @return this builder
     */
    public ServerConfigBuilder trustedProxies(List<Cidr> value) {
        trustedProxies = value;
        return this;
    }

    /**
     * How long a trusted proxy may take to send its header.
     *
     * @param value the timeout, 1 millisecond to 1 hour
     * @return this builder
     */
    public ServerConfigBuilder proxyHeaderTimeout(Duration value) {
        proxyHeaderTimeout = value;
        return this;
    }

    /**
     * Quiet time after which bytes without a line end count as a line; zero turns it off.
     *
     * @param value the quiet time, zero to 10 seconds
     * @return this builder
     */
    public ServerConfigBuilder quietLineEnd(Duration value) {
        quietLineEnd = value;
        return this;
    }

    /**
     * How often the counters are logged at INFO; zero turns it off.
     *
     * @param value the interval, zero to 1 day
     * @return this builder
     */
    public ServerConfigBuilder statsInterval(Duration value) {
        statsInterval = value;
        return this;
    }

    /**
     * Per-connection log lines a second; zero: no limit.
     *
     * @param value the lines a second, 0 to 1,000,000
     * @return this builder
     */
    public ServerConfigBuilder logRate(int value) {
        logRate = value;
        return this;
    }

    /**
     * I/O processor threads.
     *
     * @param value the number of threads, 1 to 256
     * @return this builder
     */
    public ServerConfigBuilder ioThreads(int value) {
        ioThreads = value;
        return this;
    }

    /**
     * Serves TLS clients too (none by default).
     *
     * @param value where and with what certificate; null: no TLS
     * @return this builder
     */
    public ServerConfigBuilder tls(TlsConfig value) {
        tls = value;
        return this;
    }

    /**
     * Source of time and date, with their zone.
     *
     * @param value the clock REQTIME and REQDATE read
     * @return this builder
     */
    public ServerConfigBuilder clock(Clock value) {
        clock = value;
        return this;
    }

    /**
     * The configuration; throws {@link IllegalArgumentException} if a value is out of range.
     *
     * @return a new configuration with the values collected
     * @throws IllegalArgumentException if a value is out of its range
     */
    public ServerConfig build() {
        return new ServerConfig(bindAddresses, maxLineLength, maxDiscard, maxErrors, idleTimeout, maxConnections,
                maxConnectionsPerAddress, maxUnsentBytes, maxReadBytes, maxHeldBytes, writeTimeout, lingerTimeout, drainGrace, drainTimeout,
                trustedProxies, proxyHeaderTimeout, quietLineEnd, statsInterval, logRate, ioThreads, tls, clock);
    }
}
