package io.helo.server.ops;

import java.util.Map;

/** What a running server has done, for JMX ({@code io.helo:type=HeloServer,port=PORT}). */
public interface HeloServerMXBean {
    /** Connections being served now. */
    int getCurrentConnections();

    /** Connections served since start. */
    long getTotalConnections();

    /** Request lines answered since start, by command; {@code invalid} counts lines that were not a request. */
    Map<String, Long> getRequestsByCommand();

    /** Error replies sent since start, by reason token. */
    Map<String, Long> getErrorsByReason();

    /** Connections refused since start, by reason. */
    Map<String, Long> getRefusedByReason();

    /** Octets received from clients since start. */
    long getBytesIn();

    /** Octets sent to clients since start. */
    long getBytesOut();
}
