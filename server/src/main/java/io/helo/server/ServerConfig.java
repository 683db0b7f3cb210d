package io.helo.server;

import io.helo.server.config.Listening;
import io.helo.server.config.ServerSettings;
import io.helo.server.config.Setting;
import io.helo.server.config.SettingGroup;
import io.helo.server.config.SettingValues;
import io.helo.server.config.Tls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link HeloServer} listens on, its limits and timeouts, and its clock. Build one with {@link #builder()};
 * every setting is a row of one of the groups of {@link ServerSettings} ({@code io.helo.server.config}), which gives
 * its default, its range and the command line option of the same name.
 */
public final class ServerConfig implements SettingValues {
    private final Map<Setting<?>, Object> values;
    private final Clock clock;
    private final MinaUse minaUse;

    ServerConfig(Map<Setting<?>, Object> values, Clock clock, MinaUse minaUse) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values)); // null: an optional setting off
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minaUse = Objects.requireNonNull(minaUse, "minaUse");
        for (SettingGroup group : ServerSettings.GROUPS) {
            group.check(this);
        }
        bindAddresses(); // a port out of range for an address
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static ServerConfigBuilder builder() {
        return new ServerConfigBuilder();
    }

    /**
     * The defaults: port 8008 on every interface, IPv4 and IPv6, and the limits of PROTOCOL.md.
     *
     * @return the default configuration
     */
    public static ServerConfig defaults() {
        return builder().build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return values.containsKey(setting) ? (T) values.get(setting) : setting.defaultValue();
    }

    /**
     * The source of REQTIME and REQDATE, with the zone they are given in.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Whether the server reaches into MINA's internals for speed, or uses MINA as shipped.
     *
     * @return how the server uses MINA
     */
    public MinaUse minaUse() {
        return minaUse;
    }

    /**
     * Where the protocol is served in plaintext: {@link Listening#PORT} at each of {@link Listening#BIND}.
     *
     * @return the addresses to bind
     */
    public List<InetSocketAddress> bindAddresses() {
        return addressesAt(get(Listening.PORT));
    }

    /**
     * Where the protocol is served inside TLS: {@link Tls#TLS_PORT} at each of {@link Listening#BIND}.
     *
     * @return the addresses to bind, none without TLS
     */
    public List<InetSocketAddress> tlsAddresses() {
        Integer port = get(Tls.TLS_PORT);
        return port == null ? List.of() : addressesAt(port);
    }

    private List<InetSocketAddress> addressesAt(int port) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (InetAddress address : get(Listening.BIND)) {
            addresses.add(new InetSocketAddress(address, port));
        }
        return addresses;
    }
}
