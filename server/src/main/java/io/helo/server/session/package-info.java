/**
 * Internal, not API: one client's session. {@link io.helo.server.session.Conversation} is the protocol's state
 * machine and does no I/O; {@link io.helo.server.session.SessionHandler} wires it and the session's other parts
 * (its state, the lingering close, the timers, its log lines) to MINA's events.
 */
package io.helo.server.session;
