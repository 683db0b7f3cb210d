/**
 * The HELO protocol server, to run ({@code java -jar server.jar}) or to embed: build a {@link
 * io.helo.server.ServerConfig} from the settings of {@code io.helo.server.config}, create a {@link
 * io.helo.server.HeloServer}, start it and close it. What it has done is {@link io.helo.server.ServerCounters}, where
 * it is in its life {@link io.helo.server.Health}.
 *
 * <p>This package and {@code io.helo.server.config} are the API. The other subpackages are internal and may change in
 * any release: {@code session} (one client's connection), {@code admission} (which connections are served), {@code
 * transport} (MINA plumbing, and in {@code transport.tuned} every use of MINA's internals), {@code tls} (the TLS
 * port), {@code proxy} (the PROXY protocol), {@code ops} (counters, JMX, metrics) and {@code cli} (the command line).
 */
package io.helo.server;
