/**
 * Internal, not API: the MINA plumbing that knows nothing of HELO: the {@link io.helo.server.transport.Listener}
 * (acceptor, I/O processors and their threads, the drain), flow control over held octets, thread naming, and {@link
 * io.helo.server.transport.MinaParts}, which reads the configuration's {@code MinaUse} and picks MINA's own classes
 * or the tuned ones of {@code transport.tuned}.
 */
package io.helo.server.transport;
