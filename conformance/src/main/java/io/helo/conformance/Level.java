package io.helo.conformance;

/** How strongly PROTOCOL.md (RFC 2119 key words) or the assignment asks for what a case checks. */
public enum Level {
    /** An absolute requirement: failing it fails the grade. */
    MUST,
    /** A recommendation: not meeting it is a warning. */
    SHOULD,
    /** An option: not meeting it is a warning, never a failure. */
    MAY
}
