package io.helo.server;

import io.helo.server.config.Setting;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Collects the values of a {@link ServerConfig}, starting from the defaults. */
public final class ServerConfigBuilder {
    private final Map<Setting<?>, Object> values = new HashMap<>();
    private Clock clock = Clock.systemDefaultZone();
    private MinaUse minaUse = MinaUse.TUNED;

    ServerConfigBuilder() {
    }

    /**
     * Sets one setting, e.g. {@code set(Limits.MAX_ERRORS, 3)}; checked against its range by {@link #build()}.
     *
     * @param <T> the type of its value
     * @param setting a setting of one of the groups in {@code io.helo.server.config}
     * @param value its value; null turns an optional one (such as {@code Tls.TLS_PORT}) off
     * @return this builder
     */
    public <T> ServerConfigBuilder set(Setting<T> setting, T value) {
        values.put(setting, value);
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
     * Whether the server reaches into MINA's internals for speed ({@link MinaUse#TUNED}, the default), or uses MINA
     * as shipped.
     *
     * @param value how to use MINA
     * @return this builder
     */
    public ServerConfigBuilder minaUse(MinaUse value) {
        minaUse = value;
        return this;
    }

    /**
     * The configuration.
     *
     * @return a new configuration with the values collected
     * @throws IllegalArgumentException if a value is out of its range, naming the command line option it is for
     */
    public ServerConfig build() {
        return new ServerConfig(values, clock, minaUse);
    }
}
