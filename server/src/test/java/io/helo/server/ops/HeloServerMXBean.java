package io.helo.server.ops;

import java.util.Map;

/**
 * How a JMX client sees the server's counters ({@code io.helo:type=HeloServer,port=PORT}): the attributes it has had
 * since its first release, as an MXBean interface for {@code JMX.newMXBeanProxy}.
 */
public interface HeloServerMXBean {
    /**
     * Connections being served now.
     *
     * @return the number of connections being served
     */
    int getCurrentConnections();

    /**
     * Connections served since start.
     *
     * @return the number of connections served
     */
    long getTotalConnections();

    /**
     * Request lines answered since start, by command; {@code invalid} counts lines that were not a request.
     *
     * @return the number of lines answered, by command name
     */
    Map<String, Long> getRequestsByCommand();

    /**
     * Error replies sent since start, by reason token.
     *
     * @return the number of error replies, by reason token
     */
    Map<String, Long> getErrorsByReason();

    /**
     * Connections refused since start, by reason.
     *
     * @return the number of refused connections, by reason token
     */
    Map<String, Long> getRefusedByReason();

    /**
     * Octets received from clients since start.
     *
     * @return the number of octets received
     */
    long getBytesIn();

    /**
     * Octets sent to clients since start.
     *
     * @return the number of octets sent
     */
    long getBytesOut();
}
