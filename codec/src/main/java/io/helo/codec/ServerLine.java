package io.helo.codec;

/**
 * A line a server sent, as a client understands it: a {@link Response} answering the oldest request still
 * awaiting one, a {@link ClosingNotice} by which the server ends the session on its own, or an
 * {@link UnexpectedReply} that is neither. {@link ResponseParser#parse} tells them apart.
 */
public sealed interface ServerLine permits Response, ClosingNotice, UnexpectedReply {
}
