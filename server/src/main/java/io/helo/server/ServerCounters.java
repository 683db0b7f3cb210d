package io.helo.server;

import java.util.Map;

/**
 * What a running {@link HeloServer} has done since it started, and what it holds now. Safe to read from any
 * thread; every value is read afresh. Maps are keyed by the tokens PROTOCOL.md and the README use.
 */
public interface ServerCounters {
    /**
     * Connections being served now; refused connections are never counted.
     *
     * @return the number of connections
     */
    int currentConnections();

    /**
     * Connections served since start.
     *
     * @return the number of connections
     */
    long totalConnections();

    /**
     * Request lines answered since start, valid or not.
     *
     * @return the number of lines answered
     */
    long requests();

    /**
     * Valid requests answered since start by command name, plus {@code invalid} for lines that were not.
     *
     * @return the number of lines answered, by command name and {@code invalid}
     */
    Map<String, Long> requestsByCommand();

    /**
     * Error replies sent since start, by reason token.
     *
     * @return the number of error replies, by reason token
     */
    Map<String, Long> errorsByReason();

    /**
     * Connections refused since start, by reason token.
     *
     * @return the number of refused connections, by reason token
     */
    Map<String, Long> refusedByReason();

    /**
     * Octets received from clients since start.
     *
     * @return the number of octets received
     */
    long bytesIn();

    /**
     * Octets sent to clients since start.
     *
     * @return the number of octets sent
     */
    long bytesOut();

    /**
     * Write operations completed since start: one per batch of replies, not one per reply.
     *
     * @return the number of writes
     */
    long writes();

    /**
     * Client addresses with at least one connection being served now.
     *
     * @return the number of client addresses
     */
    int clientAddresses();

    /**
     * Clients the connection-rate table forgot because it was full ({@code --connection-rate-clients}).
     *
     * @return how many since start
     */
    long rateClientsForgotten();

    /**
     * Connections whose requests are not read for now because they do not read their replies.
     *
     * @return the number of paused connections
     */
    int pausedConnections();

    /**
     * The most reply octets waiting to be sent to any one connection now.
     *
     * @return the largest number of unsent reply octets of one connection
     */
    long largestUnsentBytes();

    /**
     * Octets the server holds now for all its connections: replies not yet sent and requests read but not yet
     * answered. The server's budget ({@code --max-held-bytes}) keeps it bounded.
     *
     * @return the number of octets held
     */
    long heldBytes();

    /**
     * Log lines dropped since start because the log output did not keep up (it never makes the server wait).
     *
     * @return the number of log lines dropped
     */
    long logLinesDropped();
}
