package io.helo.server;

import io.helo.codec.HeloProtocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link HeloServer} listens on and how it behaves.
 *
 * @param bindAddresses where to listen; port 0 picks a free port
 * @param maxLineLength the longest request line accepted, in octets, counting the line terminator
 * @param clock the source of REQTIME and REQDATE, with the zone they are given in
 */
public record ServerConfig(List<InetSocketAddress> bindAddresses, int maxLineLength, Clock clock) {

    /** Checks the values and copies the address list. */
    public ServerConfig {
        bindAddresses = List.copyOf(bindAddresses);
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one bind address is needed");
        }
        if (maxLineLength < 16) {
            throw new IllegalArgumentException("max line length must be at least 16 octets: " + maxLineLength);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Port 8008 on every interface, IPv4 and IPv6, default limits, the system clock and zone. */
    public static ServerConfig defaults() {
        return new ServerConfig(List.of(new InetSocketAddress(HeloProtocol.DEFAULT_PORT)),
                HeloProtocol.DEFAULT_MAX_LINE_LENGTH, Clock.systemDefaultZone());
    }

    /** This configuration listening on {@code addresses} instead. */
    public ServerConfig withBindAddresses(List<InetSocketAddress> addresses) {
        return new ServerConfig(addresses, maxLineLength, clock);
    }

    /** This configuration with another maximum line length. */
    public ServerConfig withMaxLineLength(int octets) {
        return new ServerConfig(bindAddresses, octets, clock);
    }

    /** This configuration reading time and date from {@code source}. */
    public ServerConfig withClock(Clock source) {
        return new ServerConfig(bindAddresses, maxLineLength, source);
    }
}
