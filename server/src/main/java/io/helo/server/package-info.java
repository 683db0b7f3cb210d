/**
 * The HELO protocol server, to run ({@code java -jar server.jar}) or to embed: build a {@link
 * io.helo.server.ServerConfig}, create a {@link io.helo.server.HeloServer}, start it and close it. Its counters are
 * {@link io.helo.server.ServerCounters}.
 *
 * <p>This package is the API. The subpackages are internal and may change in any release: {@code session} (one
 * client's session), {@code admission} (which connections are served), {@code transport} (MINA plumbing),
 * {@code proxy} (the PROXY protocol), {@code ops} (counters, JMX) and {@code cli} (the command line).
 */
package io.helo.server;
