/**
 * Internal, not API: every use of MINA's non-API members, for fewer system calls and copies per request, all behind
 * the configuration's {@code MinaUse} (read only by {@code transport.MinaParts}): the NIO processor that overrides
 * MINA's selection loop, accepts connections on its own thread and reads into its own buffer
 * ({@link io.helo.server.transport.tuned.HeloNioProcessor}), the acceptor that binds for it and answers while out of
 * file descriptors ({@link io.helo.server.transport.tuned.HeloSocketAcceptor}, which makes MINA's socket sessions
 * through the constructor MINA keeps to its package), and the direct write of replies past MINA's write queue, which
 * keeps MINA's counters as its own writes do. A MINA upgrade that breaks one of them shows in the tests, which run
 * both with and without them.
 */
package io.helo.server.transport.tuned;
