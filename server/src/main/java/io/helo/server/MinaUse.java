package io.helo.server;

/**
 * How the server uses Apache MINA. {@link #TUNED}, the default, saves system calls and copies by reaching into
 * MINA's non-API members: an NIO processor that overrides its selection loop, replies written past its write queue,
 * connections accepted by the I/O threads that serve them, an acceptor that
 * answers while out of file descriptors. {@link #STOCK} uses MINA only through its API, as shipped:
 * slower, but what to fall back on if a MINA upgrade breaks one of those, which the test suite shows at once (it runs
 * the wire and hardening tests both ways).
 */
public enum MinaUse {
    /** MINA with the server's own processor, direct writes and acceptor. */
    TUNED,
    /** MINA through its API only. */
    STOCK
}
