/**
 * The HELO protocol for Apache MINA: a {@link org.apache.mina.filter.codec.ProtocolCodecFactory} for each side, a
 * text line codec built on the codec's own {@link io.helo.codec.LineFramer} rather than MINA's {@code
 * TextLineCodecFactory}: UTF-8, LF and CRLF line ends, a maximum line length; and the quiet period's filter for peers
 * that send no line ends.
 */
package io.helo.codec.mina;
