/**
 * Internal, not API: implicit TLS on the TLS port ({@link io.helo.server.tls.TlsPort}): the PEM certificate and key
 * ({@link io.helo.server.tls.CertificateFiles}), their reload without a restart ({@link
 * io.helo.server.tls.TlsCertificates}), and, per connection, the gate that puts MINA's SslFilter in front of a session
 * that starts with a TLS handshake and the {@link io.helo.server.tls.TlsSession} that is its transport.
 */
package io.helo.server.tls;
