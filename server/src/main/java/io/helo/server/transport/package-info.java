/**
 * Internal, not API: MINA plumbing that knows nothing of HELO: backpressure, reply batching, thread naming.
 */
package io.helo.server.transport;
