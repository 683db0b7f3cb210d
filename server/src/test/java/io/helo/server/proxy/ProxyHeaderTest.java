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

    @Test
    void shouldReadEveryTextFormOfAnIpv6AddressAndMappedOnesAsIpv4() throws Exception {
        String[][] forms = {
            {"::ffff:1.2.3.4", "1.2.3.4"}, {"::FFFF:1.2.3.4", "1.2.3.4"}, {"0:0:0:0:0:ffff:1.2.3.4", "1.2.3.4"},
            {"::ffff:102:304", "1.2.3.4"}, {"0000:0000:0000:0000:0000:FFFF:0102:0304", "1.2.3.4"},
            {"2001:db8::7", "2001:db8::7"}, {"2001:DB8:0:0:0:0:0:7", "2001:db8::7"}, {"2001:db8::0.0.0.7", "2001:db8::7"},
            {"::1", "::1"}, {"::", "::"}, {"fe80::1", "fe80::1"},
        };
        for (String[] form : forms) {
            String line = "PROXY TCP6 " + form[0] + " ::1 51000 8008\r\n";
            assertThat(ProxyHeader.parse(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)))).as(form[0])
                    .isEqualTo(new ProxyHeader.Parsed(line.length(),
                            new InetSocketAddress(InetAddress.getByName(form[1]), 51000),
                            new InetSocketAddress(InetAddress.getByName("::1"), 8008)));
        }
    }

    @Test
    void shouldRefuseAVersion2HeaderWithAnAddressFamilyOrTransportTheSpecificationDoesNotDefine() {
        for (int family : new int[] {0x13, 0x2a, 0x40, 0xff}) {
            assertThat(ProxyHeader.parse(ByteBuffer.wrap(v2(0x21, family)))).as("family 0x%02x", family)
                    .isInstanceOf(ProxyHeader.Invalid.class);
        }
        for (int family : new int[] {0x00, 0x02, 0x12, 0x22, 0x31, 0x32}) {
            assertThat(ProxyHeader.parse(ByteBuffer.wrap(v2(0x21, family)))).as("family 0x%02x", family)
                    .isEqualTo(ProxyHeader.Parsed.local(16));
        }
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(v2(0x20, 0xff)))).as("LOCAL ignores the family")
                .isEqualTo(ProxyHeader.Parsed.local(16));
    }

    @Test
    void shouldRefuseAVersion1PortWithHeadingZeroes() throws Exception {
        // proxy-protocol.txt 2.1: "Heading zeroes are not permitted in front of numbers"
        assertThat(parseV1("PROXY TCP4 127.0.0.1 127.0.0.1 40000 0166\r\n")).isInstanceOf(ProxyHeader.Invalid.class);
        assertThat(parseV1("PROXY TCP4 127.0.0.1 127.0.0.1 00 8008\r\n")).isInstanceOf(ProxyHeader.Invalid.class);
        assertThat(parseV1("PROXY TCP4 127.0.0.1 127.0.0.1 0 65535\r\n")).isEqualTo(new ProxyHeader.Parsed(40,
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 65535)));
    }

    private static ProxyHeader.Result parseV1(String line) {
        return ProxyHeader.parse(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A version 2 header with an empty address block. */
    private static byte[] v2(int versionCommand, int family) {
        byte[] header = new byte[16];
        System.arraycopy(ProxyHeader.V2_SIGNATURE, 0, header, 0, 12);
        header[12] = (byte) versionCommand;
        header[13] = (byte) family;
        return header;
    }
}
