package io.helo.server.cli;

import io.helo.codec.HeloProtocol;
import io.helo.server.Cidr;
import io.helo.server.ServerConfig;
import io.helo.server.TlsConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The server's command line options; each starts at the configuration's default, which {@code --help} shows. */
final class ServerOptions {
    /** What {@code --bind} takes for every interface, IPv4 and IPv6. */
    private static final String EVERY_INTERFACE = "*";

    @Option(names = {"-p", "--port"}, description = "TCP port to listen on; 0 picks a free one.")
    private int port = HeloProtocol.DEFAULT_PORT;

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDRESS", defaultValue = EVERY_INTERFACE,
            description = "Address to listen on, repeatable; " + EVERY_INTERFACE
                    + " means every interface, IPv4 and IPv6.")
    private List<String> bind = new ArrayList<>();

    @Option(names = "--tls-port", paramLabel = "PORT", description = "Also serve the protocol inside TLS (TLS 1.3"
            + " and 1.2, from the first octet) on this port, at the same addresses; 0 picks a free one; off unless"
            + " given. Needs --tls-cert and --tls-key.")
    private Integer tlsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain for --tls-port, leaf"
            + " first (certbot's fullchain.pem); reloaded when it changes, and on SIGHUP.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "Its PEM private key, unencrypted: PKCS#8,"
            + " PKCS#1 or SEC 1 (certbot's privkey.pem).")
    private Path tlsKey;

    @Option(names = "--tls-reload-interval", paramLabel = "SECONDS", description = "How often the certificate and"
            + " key files are checked for a change; 0 means only on SIGHUP.")
    private long tlsReloadIntervalSeconds = TlsConfig.DEFAULT_RELOAD_INTERVAL.toSeconds();

    @Option(names = "--tls-handshake-timeout", paramLabel = "SECONDS", description = "Time a client has, from its"
            + " connection, to complete the TLS handshake before it is closed.")
    private long tlsHandshakeTimeoutSeconds = TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds();

    @Option(names = "--max-line-length", paramLabel = "OCTETS",
            description = "Longest request line accepted, counting CRLF; longer lines get an error reply.")
    private int maxLineLength = HeloProtocol.DEFAULT_MAX_LINE_LENGTH;

    @Option(names = "--max-discard", paramLabel = "OCTETS",
            description = "Octets of one over-long line discarded before the connection is closed.")
    private int maxDiscard = HeloProtocol.DEFAULT_MAX_DISCARD;

    @Option(names = "--max-errors", paramLabel = "N", description = "Error replies after which a session is closed.")
    private int maxErrors = ServerConfig.DEFAULT_MAX_ERRORS;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Time without a complete request after which a session is closed.")
    private long idleTimeoutSeconds = ServerConfig.DEFAULT_IDLE_TIMEOUT.toSeconds();

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections served at once; more are told the server is busy.")
    private int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--max-connections-per-ip", paramLabel = "N",
            description = "Connections served at once from one client IP address.")
    private int maxConnectionsPerIp = ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

    @Option(names = "--max-unsent", paramLabel = "OCTETS",
            description = "Unsent reply octets above which the server stops reading from that client.")
    private int maxUnsent = ServerConfig.DEFAULT_MAX_UNSENT_BYTES;

    @Option(names = "--max-read", paramLabel = "OCTETS",
            description = "Most octets read from a client at once, and of replies answered for it before other"
                    + " clients are served.")
    private int maxRead = ServerConfig.DEFAULT_MAX_READ_BYTES;

    @Option(names = "--max-held-bytes", paramLabel = "OCTETS",
            description = "Octets held for all clients together (unsent replies, requests not yet answered) above"
                    + " which no client with unsent replies is read from; the default is a quarter of the maximum"
                    + " heap.")
    private long maxHeldBytes = ServerConfig.DEFAULT_MAX_HELD_BYTES;

    @Option(names = "--write-timeout", paramLabel = "SECONDS",
            description = "Time a client with unsent replies may take none of them before it is closed.")
    private long writeTimeoutSeconds = ServerConfig.DEFAULT_WRITE_TIMEOUT.toSeconds();

    @Option(names = "--linger-timeout", paramLabel = "SECONDS",
            description = "After a session's last line, time the client has to close before the server does.")
    private long lingerTimeoutSeconds = ServerConfig.DEFAULT_LINGER_TIMEOUT.toSeconds();

    @Option(names = "--drain-grace", paramLabel = "SECONDS",
            description = "On SIGTERM or Ctrl-C, time the server goes on serving while failing its balancer's health"
                    + " checks (and /health), before it stops accepting: for rolling restarts behind a balancer.")
    private long drainGraceSeconds = ServerConfig.DEFAULT_DRAIN_GRACE.toSeconds();

    @Option(names = "--drain-timeout", paramLabel = "SECONDS",
            description = "On SIGTERM or Ctrl-C, time given to connections to close before they are cut.")
    private long drainTimeoutSeconds = ServerConfig.DEFAULT_DRAIN_TIMEOUT.toSeconds();

    @Option(names = "--proxy-protocol-from", paramLabel = "CIDR",
            showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Proxy address or range (repeatable) whose connections must start with a PROXY protocol"
                    + " v1 or v2 header; the header's client address is used for REQIP and logs. Default: none (off).")
    private List<String> proxyProtocolFrom = new ArrayList<>();

    @Option(names = "--proxy-header-timeout", paramLabel = "SECONDS",
            description = "Time a trusted proxy has to send its PROXY header before the connection is closed.")
    private long proxyHeaderTimeoutSeconds = ServerConfig.DEFAULT_PROXY_HEADER_TIMEOUT.toSeconds();

    @Option(names = "--quiet-line-end", paramLabel = "MILLIS",
            description = "For peers that send no line ends: bytes followed by this much silence count as a line;"
                    + " 0 turns it off.")
    private long quietLineEndMillis = HeloProtocol.DEFAULT_QUIET_LINE_END.toMillis();

    @Option(names = "--stats-interval", paramLabel = "SECONDS",
            description = "Log a summary of the counters at INFO this often; 0 means never. The counters are"
                    + " always readable over JMX as io.helo:type=HeloServer,port=PORT.")
    private long statsIntervalSeconds = ServerConfig.DEFAULT_STATS_INTERVAL.toSeconds();

    @Option(names = "--log-rate", paramLabel = "LINES",
            description = "Per-connection log lines a second; more are counted and summarised once a second;"
                    + " 0 means no limit.")
    private int logRate = ServerConfig.DEFAULT_LOG_RATE;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "I/O threads; the default is half the CPU cores (at least one), and so is 0.")
    private int ioThreads = ServerConfig.defaultIoThreads();

    @Option(names = {"-v", "--verbose"}, description = "Log every request and reply (DEBUG).")
    private boolean verbose;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text (the default) or json: one JSON object"
            + " per line, with the fields of each connection's last line.", converter = LogFormatConverter.class)
    private LogFormat logFormat = LogFormat.TEXT;

    /** The format of the log. */
    LogFormat logFormat() {
        return logFormat;
    }

    /** Reads {@code --log-format} values in lower case. */
    static final class LogFormatConverter implements picocli.CommandLine.ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            for (LogFormat format : LogFormat.values()) {
                if (format.name().toLowerCase(java.util.Locale.ROOT).equals(value)) {
                    return format;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("--log-format must be text or json: " + value);
        }
    }

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve GET /metrics (Prometheus) and GET"
            + " /health (200 while serving, 503 once shutting down) over HTTP on this port; 0 picks a free one;"
            + " off unless given.")
    private Integer metricsPort;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS",
            description = "Address of the metrics endpoint (default: ${DEFAULT-VALUE}, loopback only).")
    private String metricsBind = "127.0.0.1";

    /** Where to serve metrics and health, or null if not asked to; resolved here, once. */
    InetSocketAddress metricsAddress() throws UnknownHostException {
        if (metricsPort == null) {
            return null;
        }
        if (metricsPort < 0 || metricsPort > 65_535) {
            throw new IllegalArgumentException("--metrics-port must be between 0 and 65535: " + metricsPort);
        }
        return new InetSocketAddress(InetAddress.getByName(metricsBind), metricsPort);
    }

    /** True if every request and reply should be logged. */
    boolean verbose() {
        return verbose;
    }

    /** The configuration these options describe; host names given to {@code --bind} are resolved here, once. */
    ServerConfig toConfig() throws UnknownHostException {
        return ServerConfig.builder().bindAddresses(bindAddresses()).maxLineLength(maxLineLength)
                .maxDiscard(maxDiscard).maxErrors(maxErrors).idleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .maxConnections(maxConnections).maxConnectionsPerAddress(maxConnectionsPerIp)
                .maxUnsentBytes(maxUnsent).maxReadBytes(maxRead).maxHeldBytes(maxHeldBytes)
                .writeTimeout(Duration.ofSeconds(writeTimeoutSeconds))
                .lingerTimeout(Duration.ofSeconds(lingerTimeoutSeconds))
                .drainGrace(Duration.ofSeconds(drainGraceSeconds)).drainTimeout(Duration.ofSeconds(drainTimeoutSeconds))
                .trustedProxies(proxyProtocolFrom.stream().map(Cidr::parse).collect(Collectors.toList()))
                .proxyHeaderTimeout(Duration.ofSeconds(proxyHeaderTimeoutSeconds))
                .quietLineEnd(Duration.ofMillis(quietLineEndMillis))
                .statsInterval(Duration.ofSeconds(statsIntervalSeconds)).logRate(logRate)
                .ioThreads(ioThreads > 0 ? ioThreads : ServerConfig.defaultIoThreads())
                .tls(tlsConfig()).build();
    }

    private TlsConfig tlsConfig() throws UnknownHostException {
        if (tlsPort == null) {
            if (tlsCert != null || tlsKey != null) {
                throw new IllegalArgumentException("--tls-cert and --tls-key need --tls-port");
            }
            return null;
        }
        if (tlsPort < 0 || tlsPort > 65_535) {
            throw new IllegalArgumentException("--tls-port must be between 0 and 65535: " + tlsPort);
        }
        if (tlsPort != 0 && tlsPort == port) {
            throw new IllegalArgumentException("--tls-port must differ from --port: " + tlsPort);
        }
        if (tlsCert == null || tlsKey == null) {
            throw new IllegalArgumentException("--tls-port needs --tls-cert FILE and --tls-key FILE");
        }
        return new TlsConfig(addressesAt(tlsPort), tlsCert, tlsKey, Duration.ofSeconds(tlsReloadIntervalSeconds),
                Duration.ofSeconds(tlsHandshakeTimeoutSeconds));
    }

    private List<InetSocketAddress> bindAddresses() throws UnknownHostException {
        return addressesAt(port);
    }

    private List<InetSocketAddress> addressesAt(int listenPort) throws UnknownHostException {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String host : bind) {
            // resolved once at start-up, never on the request path
            addresses.add(host.equals(EVERY_INTERFACE) ? new InetSocketAddress(listenPort)
                    : new InetSocketAddress(InetAddress.getByName(host), listenPort));
        }
        return addresses;
    }
}
