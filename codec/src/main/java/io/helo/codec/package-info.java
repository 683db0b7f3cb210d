/**
 * Messages of the HELO protocol: typed requests and replies, their parsers and wire formats.
 *
 * <p>Nothing in this package depends on MINA; the codec for MINA lives in {@code io.helo.codec.mina}.
 * The specification is {@code PROTOCOL.md} at the root of the project.
 */
package io.helo.codec;
