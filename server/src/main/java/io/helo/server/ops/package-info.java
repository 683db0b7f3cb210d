/**
 * Internal, not API: what operators read. The counters and gauges behind {@link io.helo.server.ServerCounters}, the
 * one table of what is published ({@code Measures}), which the JMX bean, the Prometheus endpoint and the periodic
 * summary line all read, the log's rate and watch, and the handling of fatal JVM errors.
 */
package io.helo.server.ops;
