package io.helo.server.config;

import java.util.List;

/** Every group of the server's settings, in the order the command line's help and the README list them. */
public final class ServerSettings {
    /** The groups. */
    public static final List<SettingGroup> GROUPS = List.of(Listening.GROUP, Tls.GROUP, Limits.GROUP,
            Connections.GROUP, Timeouts.GROUP, Shutdown.GROUP, Proxy.GROUP, Logging.GROUP, Metrics.GROUP);

    private ServerSettings() {
    }
}
