/**
 * Internal, not API: one client's connection. {@link io.helo.server.session.SessionHandler} is MINA's handler and
 * only hands each session's events to its {@link io.helo.server.session.Connection}, which owns the session's state:
 * its {@link io.helo.server.session.Conversation} (the protocol's state machine, no I/O), its requests on their way
 * in ({@link io.helo.server.session.Input}, with the held backlog and the quiet period), its replies on their way out
 * ({@link io.helo.server.session.Output}, with the lingering close), and its {@link
 * io.helo.server.session.Transport}, plaintext or TLS, decided once.
 *
 * <p>The server does not put {@code HeloCodecFactory.forServer} in the chain, as a MINA user of the codec would: a
 * decoder makes one message object per line and the handler one write per reply. Here each read is framed in place,
 * answered in a batch into one buffer and written once, with the same framer, parser and reply formats the codec
 * uses, and the quiet period is the connection's own, so that it knows where lines end without another filter.
 */
package io.helo.server.session;
