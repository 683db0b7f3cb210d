/**
 * The HELO protocol over blocking {@link java.net.Socket}s, without MINA: {@link io.helo.codec.blocking.HeloClient}
 * for clients, and {@link io.helo.codec.blocking.LineReader} (with {@link io.helo.codec.ReplyWriter}) for servers.
 * They apply exactly the rules of the codec: line ends, limits, UTF-8, the quiet period.
 */
package io.helo.codec.blocking;
