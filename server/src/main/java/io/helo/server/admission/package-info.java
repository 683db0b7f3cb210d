/**
 * Internal, not API: which connections are served. The shutdown gate, the connection limits, the reasons for a
 * refusal, and the wait for a shutdown's drain.
 */
package io.helo.server.admission;
