package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpLiteralsTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:DB8:AAAA:0:0:0:0:0, 2001:db8:aaaa::",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "fe80:0:0:0:0:0:0:1, fe80::1",
    })
    void shouldWriteAddressesAsRfc5952Recommends(String input, String expected) throws UnknownHostException {
        assertThat(IpLiterals.format(InetAddress.getByName(input))).isEqualTo(expected);
        assertThat(IpLiterals.isCanonical(expected)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"ffff:ffff:0ffff:ffff:ffff:ffff:ffff:ffff", "::00001", "::ffff:01.2.3.4", "01.2.3.4", ".:", "1.2.3.4:",
        "::1%1", "[::1]", "1:2:3:4:5:6:7:8:9", "1::2::3"})
    void shouldRefuseTextThatIsNoIpLiteral(String text) {
        assertThat(IpLiterals.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"::, ::", "::ffff:192.0.2.7, 192.0.2.7", "2001:DB8::0001, 2001:db8::1",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304"})
    void shouldReadEveryTextFormOfAnIpv6Address(String text, String canonical) {
        assertThat(IpLiterals.parse(text).map(IpLiterals::format)).contains(canonical);
    }

    @Test
    void shouldWriteIpv4MappedAddressesAsIpv4() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 147, (byte) 174, 73, (byte) 237};
        // Inet6Address.getByAddress keeps the IPv6 form that InetAddress.getByAddress would turn into IPv4
        assertThat(IpLiterals.format(Inet6Address.getByAddress(null, mapped, -1))).isEqualTo("147.174.73.237");
    }
}
