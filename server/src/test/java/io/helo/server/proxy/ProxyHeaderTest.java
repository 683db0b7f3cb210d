package io.helo.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The header parser on the forms proxies send that the other tests do not. */
class ProxyHeaderTest {
    @Test
    void shouldReadIpv4MappedAddressesInAVersion1Tcp6LineAsTheIpv4AddressesTheyAre() throws Exception {
        // what HAProxy sends for a client of a dual-stack listener that came over IPv4
        String line = "PROXY TCP6 ::ffff:192.0.2.7 ::ffff:198.51.100.1 51000 8008\r\n";
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(
                new ProxyHeader.Parsed(line.length(), new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 51000),
                        new InetSocketAddress(InetAddress.getByName("198.51.100.1"), 8008)));
        String mixed = "PROXY TCP6 ::ffff:192.0.2.7 2001:db8::1 51000 8008\r\n";
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(mixed.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(ProxyHeader.Parsed.class);
        String v4InTcp6 = "PROXY TCP6 192.0.2.7 2001:db8::1 51000 8008\r\n";
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(v4InTcp6.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(ProxyHeader.Invalid.class);
    }
}
