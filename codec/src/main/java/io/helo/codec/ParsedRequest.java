package io.helo.codec;

/**
 * What a server made of one request line: a valid {@link Request}, or an {@link InvalidRequest} carrying the reason
 * it was refused. The two are the only kinds, so a server handles every line with one check.
 */
public sealed interface ParsedRequest permits Request, InvalidRequest {
}
