package io.helo.server.testing;

import io.helo.server.HeloServer;
import io.helo.server.MinaUse;
import io.helo.server.ServerConfig;
import io.helo.server.ServerConfigBuilder;
import io.helo.server.ServerCounters;
import io.helo.server.config.Listening;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A {@link HeloServer} for a test: started on a free port of 127.0.0.1 unless the settings say otherwise, on MINA as
 * the system property {@code helo.test.mina} says ({@code tuned}, the default, or {@code stock}: the build runs the
 * wire and hardening tests both ways).
 */
public final class LoopbackServer implements AutoCloseable {
    /** How the servers of this test run use MINA. */
    public static final MinaUse MINA_USE = MinaUse.valueOf(System.getProperty("helo.test.mina", "tuned")
            .toUpperCase(Locale.ROOT));

    private final HeloServer server;
    private final InetSocketAddress address;

    private LoopbackServer(HeloServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Starts a server with the defaults. */
    public static LoopbackServer start() throws IOException {
        return start(settings -> settings);
    }

    /** Starts a server with the defaults as changed by {@code settings}. */
    public static LoopbackServer start(UnaryOperator<ServerConfigBuilder> settings) throws IOException {
        ServerConfig config = settings.apply(ServerConfig.builder().minaUse(MINA_USE)
                .set(Listening.BIND, List.of(InetAddress.getLoopbackAddress())).set(Listening.PORT, 0)).build();
        HeloServer server = new HeloServer(config);
        return new LoopbackServer(server, server.start().get(0));
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return address;
    }

    /** The port the server listens on. */
    public int port() {
        return address.getPort();
    }

    /** The server itself. */
    public HeloServer server() {
        return server;
    }

    /** The server's counters. */
    public ServerCounters counters() {
        return server.counters();
    }

    @Override
    public void close() {
        server.close();
    }
}
