package io.helo.server.proxy;

import io.helo.server.config.Connections;
import io.helo.server.config.Proxy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.helo.server.Cidr;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The PROXY protocol, v1 and v2: parsing, and a server trusting 127.0.0.1 only. */
class ProxyProtocolTest {
    private final Logger sessionLogger = (Logger) LoggerFactory.getLogger("io.helo.server.session.SessionLog");
    private final ListAppender<ILoggingEvent> sessionLog = new ListAppender<>();
    private LoopbackServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        // every end line, a health check's (DEBUG) and a client's (INFO), kept here and not on the console
        sessionLogger.setLevel(Level.DEBUG);
        sessionLogger.setAdditive(false);
        sessionLog.setContext(sessionLogger.getLoggerContext());
        sessionLog.start();
        sessionLogger.addAppender(sessionLog);
        server = LoopbackServer.start(b -> b.set(Proxy.PROXY_PROTOCOL_FROM, List.of(Cidr.parse("127.0.0.1/32")))
                .set(Proxy.PROXY_HEADER_TIMEOUT, Duration.ofSeconds(1)));
        address = server.address();
    }

    @AfterEach
    void stop() {
        server.close();
        sessionLogger.detachAppender(sessionLog);
        sessionLogger.setAdditive(true);
        sessionLogger.setLevel(null);
    }

    @Test
    void shouldReportTheClientAddressFromAVersion1Header() throws Exception {
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.send("PROXY TCP4 192.0.2.7 127.0.0.1 51000 8008\r\nHELO x\r\nREQIP\r\n")
                    .expect("Hello x, pleased to meet you.").expect("192.0.2.7");
        }
    }

    @Test
    void shouldReportAnIpv6ClientAddressFromAVersion1HeaderInCompressedForm() throws Exception {
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.send("PROXY TCP6 2001:db8:0:0:0:0:0:7 ::1 51000 8008\r\n").send("HELO x\r\nREQIP\r\n")
                    .expect("Hello x, pleased to meet you.").expect("2001:db8::7");
        }
    }

    @Test
    void shouldReportTheClientAddressFromAVersion2HeaderSentInPieces() throws Exception {
        byte[] header = v2(0x21, 0x11, new byte[] {(byte) 198, 51, 100, 9}, new byte[] {127, 0, 0, 1}, 40000, 8008);
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.sendBytes(Arrays.copyOfRange(header, 0, 5));
            proxy.sendBytes(Arrays.copyOfRange(header, 5, header.length));
            proxy.send("HELO x\r\nREQIP\r\n").expect("Hello x, pleased to meet you.").expect("198.51.100.9");
        }
    }

    @Test
    void shouldReportTheIpv4ClientOfAVersion1Tcp6LineWithAnIpv4MappedAddress() throws Exception {
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.send("PROXY TCP6 ::ffff:1.2.3.4 ::1 51000 8008\r\nHELO x\r\nREQIP\r\n")
                    .expect("Hello x, pleased to meet you.").expect("1.2.3.4");
        }
    }

    @Test
    void shouldReportTheIpv4ClientOfAVersion2Ipv6HeaderWithAnIpv4MappedAddress() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4};
        byte[] header = v2(0x21, 0x21, mapped, InetAddress.getByName("::1").getAddress(), 51000, 8008);
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.sendBytes(header).send("HELO x\r\nREQIP\r\n").expect("Hello x, pleased to meet you.")
                    .expect("1.2.3.4");
        }
    }

    @Test
    void shouldCountTheProxiedClientAgainstThePerClientLimitMappedAddressesAsIpv4AndIpv6ByNetwork() throws Exception {
        server.close();
        server = LoopbackServer.start(b -> b.set(Proxy.PROXY_PROTOCOL_FROM, List.of(Cidr.parse("127.0.0.1/32")))
                .set(Connections.MAX_CONNECTIONS_PER_IP, 1));
        address = server.address();
        String busy = "ERR busy too many connections, try again later";
        // one step after the other: each admission is decided before the next connection is made
        try (WireClient first = greeted("PROXY TCP4 1.2.3.4 127.0.0.1 51000 8008\r\n");
                WireClient other = greeted("PROXY TCP4 1.2.3.5 127.0.0.1 51002 8008\r\n");
                WireClient v6 = greeted("PROXY TCP6 2001:db8:1:2::1 ::1 51003 8008\r\n");
                WireClient nextNetwork = greeted("PROXY TCP6 2001:db8:1:3::1 ::1 51005 8008\r\n")) {
            try (WireClient mapped = proxied("PROXY TCP6 ::ffff:1.2.3.4 ::1 51001 8008\r\n")) {
                mapped.expect(busy).expectEndOfStream();
            }
            try (WireClient sameNetwork = proxied("PROXY TCP6 2001:db8:1:2:ffff::9 ::1 51004 8008\r\n")) {
                sameNetwork.expect(busy).expectEndOfStream();
            }
        }
    }

    /** A connection from the trusted proxy that has sent {@code header}, and been greeted after its HELO. */
    private WireClient greeted(String header) throws IOException {
        WireClient client = proxied(header);
        client.send("HELO x\r\n").expect("Hello x, pleased to meet you.");
        return client;
    }

    /** A connection from the trusted proxy that has sent {@code header}. */
    private WireClient proxied(String header) throws IOException {
        WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"));
        proxy.send(header);
        return proxy;
    }

    @Test
    void shouldUseTheConnectionsOwnAddressForAVersion2LocalHeader() throws Exception {
        byte[] local = v2(0x20, 0x00, new byte[0], new byte[0], 0, 0);
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.sendBytes(local).send("HELO check\r\nREQIP\r\nBYE\r\n")
                    .expect("Hello check, pleased to meet you.").expect("127.0.0.1").expect("See ya later");
        }
    }

    @Test
    void shouldTakeAHeaderNamingThisVeryConnectionAsTheProxysOwnHealthCheck() throws Exception {
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            int proxyPort = proxy.socket().getLocalPort();
            // what HAProxy's v1 checks send: the check connection's own two ends
            proxy.send("PROXY TCP4 127.0.0.1 127.0.0.1 " + proxyPort + " " + address.getPort() + "\r\n")
                    .send("HELO check\r\nBYE\r\n").expect("Hello check, pleased to meet you.").expect("See ya later");
        }
        assertThat(endLine()).as("a health check's end").extracting(ILoggingEvent::getLevel).isEqualTo(Level.DEBUG);
    }

    @Test
    void shouldServeAClientWithTheProxysAddressAndPortNumberAsAClient() throws Exception {
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            int proxyPort = proxy.socket().getLocalPort();
            // a client on the proxy's host that connected to the proxy's frontend (port 7) from the port number the
            // kernel then gave the proxy's connection to us: same address and port, another destination
            byte[] header = v2(0x21, 0x11, new byte[] {127, 0, 0, 1}, new byte[] {127, 0, 0, 1}, proxyPort, 7);
            proxy.sendBytes(header).send("HELO client\r\nBYE\r\n")
                    .expect("Hello client, pleased to meet you.").expect("See ya later");
        }
        assertThat(endLine()).as("a client's end").extracting(ILoggingEvent::getLevel).isEqualTo(Level.INFO);
    }

    @Test
    void shouldCloseATrustedConnectionWithoutAHeaderWithoutReplying() throws Exception {
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.send("HELO x\r\n").expectEndOfStream();
        }
    }

    @Test
    void shouldCloseATrustedConnectionWithAMalformedHeader() throws Exception {
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.send("PROXY TCP4 not-an-ip 127.0.0.1 1 2\r\nHELO x\r\n").expectEndOfStream();
        }
    }

    @Test
    void shouldCloseATrustedConnectionWhoseHeaderIsLate() throws Exception {
        try (WireClient proxy = new WireClient(address, InetAddress.getByName("127.0.0.1"))) {
            proxy.send("PROXY TCP4 192.0.2.7"); // and nothing more: closed after the 1 s header timeout
            proxy.expectEndOfStream();
        }
    }

    @Test
    void shouldServeAnUntrustedClientDirectlyAndCloseItWhenItSendsAHeader() throws Exception {
        try (WireClient direct = new WireClient(address, InetAddress.getByName("127.0.0.2"))) {
            direct.send("HELO x\r\nREQIP\r\n").expect("Hello x, pleased to meet you.").expect("127.0.0.2");
        }
        try (WireClient spoofer = new WireClient(address, InetAddress.getByName("127.0.0.2"))) {
            spoofer.send("PROXY TCP4 192.0.2.7 127.0.0.1 51000 8008\r\nHELO x\r\nREQIP\r\n")
                    .expect("ERR wrong-protocol this is a HELO server, closing connection").expectEndOfStream();
        }
    }

    @Test
    void shouldParseEveryHeaderFormAndRejectBadOnes() throws IOException {
        assertThat(ProxyHeader.parse(bytes("PROXY UNKNOWN\r\n"))).isEqualTo(ProxyHeader.Parsed.local(15));
        assertThat(ProxyHeader.parse(bytes("PROXY TCP4 1.2.3.4 5.6.7.8 1 2"))).isInstanceOf(ProxyHeader.Incomplete.class);
        assertThat(ProxyHeader.parse(bytes("PRO"))).isInstanceOf(ProxyHeader.Incomplete.class);
        assertThat(ProxyHeader.parse(bytes("GET / HTTP/1.1\r\n"))).isInstanceOf(ProxyHeader.Invalid.class);
        assertThat(ProxyHeader.parse(bytes("PROXY TCP4 ::1 5.6.7.8 1 2\r\n"))).isInstanceOf(ProxyHeader.Invalid.class);
        assertThat(ProxyHeader.parse(bytes("PROXY TCP4 1.2.3.4 5.6.7.8 70000 2\r\n")))
                .isInstanceOf(ProxyHeader.Invalid.class);
        assertThat(ProxyHeader.parse(bytes("PROXY TCP4 localhost 5.6.7.8 1 2\r\n")))
                .isInstanceOf(ProxyHeader.Invalid.class);
        assertThat(ProxyHeader.parse(bytes("PROXY " + "x".repeat(200)))).isInstanceOf(ProxyHeader.Invalid.class);
        byte[] v3 = v2(0x31, 0x11, new byte[4], new byte[4], 1, 2);
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(v3))).isInstanceOf(ProxyHeader.Invalid.class);
        assertThat(ProxyHeader.parse(bytes("PROXY TCP4 192.0.2.7 198.51.100.1 51000 8008\r\n"))).isEqualTo(
                new ProxyHeader.Parsed(46, socket("192.0.2.7", 51000), socket("198.51.100.1", 8008)));
        byte[] proxied = v2(0x21, 0x11, new byte[] {(byte) 192, 0, 2, 7}, new byte[] {(byte) 198, 51, 100, 1},
                51000, 8008);
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(proxied))).isEqualTo(
                new ProxyHeader.Parsed(28, socket("192.0.2.7", 51000), socket("198.51.100.1", 8008)));
        byte[] unspec = v2(0x21, 0x00, new byte[0], new byte[0], 0, 0);
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(unspec))).isEqualTo(ProxyHeader.Parsed.local(16));
    }

    @Test
    void shouldMatchAddressRanges() throws Exception {
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("10.200.1.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("192.168.1.128/25").contains(InetAddress.getByName("192.168.1.200"))).isTrue();
        assertThat(Cidr.parse("192.168.1.128/25").contains(InetAddress.getByName("192.168.1.100"))).isFalse();
        assertThat(Cidr.parse("::1").contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("::1"))).isFalse();
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        assertThat(Cidr.parse("10.0.0.0/8").contains(java.net.Inet6Address.getByAddress(null, mapped, -1))).isTrue();
        assertThatThrownBy(() -> Cidr.parse("proxy.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The one connection's end line, once the server has logged it. */
    private ILoggingEvent endLine() {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (sessionLog) {
                return sessionLog.list.stream().filter(e -> e.getFormattedMessage().contains(" disconnected ("))
                        .findFirst().orElse(null);
            }
        }, Objects::nonNull);
    }

    private static InetSocketAddress socket(String address, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }

    /** A version 2 header: signature, version and command, family, length, addresses and ports. */
    static byte[] v2(int versionCommand, int family, byte[] source, byte[] destination, int sourcePort, int destinationPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ProxyHeader.V2_SIGNATURE);
        out.write(versionCommand);
        out.write(family);
        int length = source.length == 0 ? 0 : source.length + destination.length + 4;
        out.write(length >> 8);
        out.write(length & 0xff);
        if (length > 0) {
            out.writeBytes(source);
            out.writeBytes(destination);
            out.write(sourcePort >> 8);
            out.write(sourcePort & 0xff);
            out.write(destinationPort >> 8);
            out.write(destinationPort & 0xff);
        }
        return out.toByteArray();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
