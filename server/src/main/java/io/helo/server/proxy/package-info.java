/**
 * Internal, not API: HAProxy's PROXY protocol (versions 1 and 2) in front of the codec, and {@link
 * io.helo.server.proxy.ClientAddress}, where the handler reads who the client is with or without a proxy.
 */
package io.helo.server.proxy;
