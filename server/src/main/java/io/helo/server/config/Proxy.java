package io.helo.server.config;

import io.helo.server.Cidr;
import java.time.Duration;
import java.util.List;

/** HAProxy's PROXY protocol, from the proxies trusted to send it. */
public final class Proxy {
    /** Addresses of proxies whose connections must start with a PROXY protocol header; none: off. */
    public static final Setting<List<Cidr>> PROXY_PROTOCOL_FROM = Setting.row("--proxy-protocol-from",
            Syntax.ranges()).defaultValue(List.of()).defaultText("none (off)")
            .help("Proxy address or range (repeatable) whose connections must start with a PROXY protocol v1 or v2"
                    + " header; the header's client address is used for REQIP and logs. Default: none (off).")
            .build();
    /** How long a trusted proxy may take to send its header. */
    public static final Setting<Duration> PROXY_HEADER_TIMEOUT = Setting.row("--proxy-header-timeout",
            Syntax.seconds()).defaultValue(Duration.ofSeconds(5))
            .range(Setting.Range.between(Duration.ofMillis(1), Duration.ofHours(1)))
            .help("Time a trusted proxy has to send its PROXY header before the connection is closed.").build();

    /** The group's table. */
    public static final SettingGroup GROUP = new SettingGroup("PROXY protocol",
            List.of(PROXY_PROTOCOL_FROM, PROXY_HEADER_TIMEOUT));

    private Proxy() {
    }
}
