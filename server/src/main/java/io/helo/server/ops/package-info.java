/**
 * Internal, not API: what operators read. The counters and gauges behind {@link io.helo.server.ServerCounters},
 * their JMX adapter, and the periodic summary line.
 */
package io.helo.server.ops;
