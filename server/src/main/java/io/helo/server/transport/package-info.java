/**
 * Internal, not API: the MINA plumbing that knows nothing of HELO: flow control over held octets, an I/O processor
 * and an acceptor that waste no system calls and survive running out of file descriptors, thread naming.
 */
package io.helo.server.transport;
