package io.helo.codec;

/** How a line ended on the wire. */
public enum LineEnd {
    /** CR LF, as the protocol asks every line to end. */
    CRLF,
    /** A bare LF, which receivers accept. */
    LF,
    /** No line end: the peer fell silent for the quiet period (PROTOCOL.md section 2.1). */
    SILENCE,
    /** No line end: the peer's stream ended. */
    END_OF_STREAM
}
