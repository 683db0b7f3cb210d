/**
 * Internal, not API: which connections are served. The connection limits (no one once the server's health says a
 * shutdown has begun), the reasons for a refusal, and the start-up check of what the process can hold.
 */
package io.helo.server.admission;
