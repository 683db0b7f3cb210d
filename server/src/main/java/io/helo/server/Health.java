package io.helo.server;

/**
 * Where a {@link HeloServer} is in its life, as a balancer's health check sees it: only {@link #SERVING} is healthy
 * ({@code /health} answers 200, otherwise 503), so that a balancer stops sending new clients from the moment a
 * shutdown begins.
 */
public enum Health {
    /** Made, not yet listening. */
    STARTING,
    /** Listening and serving. */
    SERVING,
    /** Shutting down, in the drain grace: still serving everyone, but failing a balancer's own checks. */
    DRAINING,
    /** Shutting down: no longer accepting, letting the sessions in progress finish. */
    CLOSING,
    /** Closed. */
    STOPPED
}
