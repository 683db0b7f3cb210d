package io.helo.server.ops;

import io.helo.server.ServerCounters;
import java.util.List;

/**
 * Everything the server counts, declared once: JMX ({@link JmxCounters}), Prometheus ({@link MetricsEndpoint}) and
 * the periodic line ({@link StatsLog}) all read this table. Adding a measure is a row here and its method in
 * {@link ServerCounters}, where it is counted.
 */
final class Measures {
    static final Measure OPEN_CONNECTIONS = Measure.level("helo_open_connections", "CurrentConnections",
            "Connections open now.", ServerCounters::currentConnections);
    static final Measure CONNECTIONS = Measure.total("helo_connections", "TotalConnections",
            "Connections accepted and admitted since start.", ServerCounters::totalConnections);
    static final Measure REFUSED = Measure.totals("helo_refused_connections", "reason", "RefusedByReason",
            "Connections refused (answered busy), by reason.", ServerCounters::refusedByReason);
    static final Measure REQUESTS = Measure.totals("helo_requests", "command", "RequestsByCommand",
            "Requests answered, by command.", ServerCounters::requestsByCommand);
    static final Measure ERRORS = Measure.totals("helo_errors", "reason", "ErrorsByReason",
            "Error replies sent, by reason.", ServerCounters::errorsByReason);
    static final Measure RECEIVED = Measure.octetsTotal("helo_received", "BytesIn", "Octets received from clients.",
            ServerCounters::bytesIn);
    static final Measure SENT = Measure.octetsTotal("helo_sent", "BytesOut", "Octets sent to clients.",
            ServerCounters::bytesOut);
    static final Measure LOG_LINES_DROPPED = Measure.total("helo_log_lines_dropped", "LogLinesDropped",
            "Log lines dropped rather than block the server.", ServerCounters::logLinesDropped);
    static final Measure HELD = Measure.octetsNow("helo_held", "HeldBytes",
            "Octets of unanswered requests and unsent replies held for all clients.", ServerCounters::heldBytes);
    static final Measure PAUSED = Measure.level("helo_paused_connections", "PausedConnections",
            "Connections not read from now (backpressure).", ServerCounters::pausedConnections);
    static final Measure CLIENT_ADDRESSES = Measure.level("helo_client_addresses", "ClientAddresses",
            "Distinct clients connected now (IPv6 by network, as --client-prefix-v6 groups them).", ServerCounters::clientAddresses);
    static final Measure RATE_CLIENTS_FORGOTTEN = Measure.total("helo_rate_clients_forgotten", "RateClientsForgotten",
            "Clients the full connection-rate table forgot (--connection-rate-clients).",
            ServerCounters::rateClientsForgotten);

    /** The table. */
    static final List<Measure> ALL = List.of(OPEN_CONNECTIONS, CONNECTIONS, REFUSED, REQUESTS, ERRORS, RECEIVED, SENT,
            LOG_LINES_DROPPED, HELD, PAUSED, CLIENT_ADDRESSES, RATE_CLIENTS_FORGOTTEN);

    private Measures() {
    }
}
