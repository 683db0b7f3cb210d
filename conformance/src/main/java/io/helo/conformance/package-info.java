/**
 * A conformance checker for the HELO protocol: a catalogue of cases, each quoting the PROTOCOL.md requirement it
 * checks, run against any server (or, in client mode, any client), graded pass, fail, warn or skipped, and
 * reported as text, JSON, JUnit XML or HTML.
 */
package io.helo.conformance;
