package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SocketAddressesTest {

    @Test
    void shouldWriteIpv4Ipv6WildcardAndUnresolvedAddresses() throws Exception {
        assertThat(SocketAddresses.format(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 8008)))
                .isEqualTo("192.0.2.1:8008");
        assertThat(SocketAddresses.format(new InetSocketAddress(InetAddress.getByName("0:0:0:0:0:0:0:1"), 8008)))
                .isEqualTo("[::1]:8008");
        assertThat(SocketAddresses.format(new InetSocketAddress(8008))).isEqualTo("*:8008");
        assertThat(SocketAddresses.format(InetSocketAddress.createUnresolved("example.invalid", 1)))
                .isEqualTo("example.invalid:1");
    }
}
