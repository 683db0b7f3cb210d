/**
 * Internal, not API: every use of MINA's non-API members, for fewer system calls and copies per request, all behind
 * the configuration's {@code MinaUse} (read only by {@code transport.MinaParts}): the NIO processor that overrides
 * MINA's selection loop ({@link io.helo.server.transport.tuned.HeloNioProcessor}), the acceptor whose connections the
 * processors accept on their own threads and which answers while out of file descriptors
 * ({@link io.helo.server.transport.tuned.HeloSocketAcceptor}, MINA's socket session made through its package-private
 * class), and the direct write of replies
 * past MINA's write queue, which keeps MINA's counters as its own writes do. A MINA upgrade that breaks one of them
 * shows in the tests, which run both with and without them.
 */
package io.helo.server.transport.tuned;
