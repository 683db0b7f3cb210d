/**
 * The HELO protocol for Apache MINA: a {@link org.apache.mina.filter.codec.ProtocolCodecFactory} for each side,
 * built on MINA's text line codec with UTF-8, explicit delimiters and a maximum line length.
 */
package io.helo.codec.mina;
