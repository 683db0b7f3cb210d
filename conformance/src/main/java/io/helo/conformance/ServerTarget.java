package io.helo.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * A server under test and what the checker assumes of it: where it listens, how long to wait for a reply, the quiet
 * period after which a line without line end is taken, its time zone, and the limits a conforming server may set
 * (PROTOCOL.md 7) that the slow cases wait for.
 */
public record ServerTarget(String host, int port, Duration timeout, Duration quiet, ZoneId zone, Duration idleTimeout,
        int maxLineLength, int maxErrors, List<String> command, boolean zoneGiven, Transcript transcript,
        Supplier<String> printed) implements Transcribed {

    /**
     * Copies the command: the one the checker started the server with, empty if it was running already.
     * {@code zoneGiven}: the zone was named (--zone), not assumed to be the checker's. {@code printed}: what a server
     * the checker started has printed so far (its last few KiB), null when it was running already.
     */
    public ServerTarget {
        command = List.copyOf(command);
        transcript = transcript == null ? new Transcript() : transcript;
    }

    /** A target whose output the checker does not see. */
    public ServerTarget(String host, int port, Duration timeout, Duration quiet, ZoneId zone, Duration idleTimeout,
            int maxLineLength, int maxErrors, List<String> command, boolean zoneGiven, Transcript transcript) {
        this(host, port, timeout, quiet, zone, idleTimeout, maxLineLength, maxErrors, command, zoneGiven, transcript,
                null);
    }

    /** A target in the checker's own zone, with a transcript of its own. */
    public ServerTarget(String host, int port, Duration timeout, Duration quiet, ZoneId zone, Duration idleTimeout,
            int maxLineLength, int maxErrors, List<String> command) {
        this(host, port, timeout, quiet, zone, idleTimeout, maxLineLength, maxErrors, command, false, null);
    }

    /** Opens a new connection to the server. */
    public Wire open() throws IOException {
        return Wire.open(new InetSocketAddress(host, port), timeout, quiet, transcript);
    }

    /** Opens a new connection to the server at {@code address}, same port, for a case that needs one family. */
    public Wire open(InetAddress address) throws IOException {
        return Wire.open(new InetSocketAddress(address, port), timeout, quiet, transcript);
    }

    /** Opens a connection and says {@code HELO checker}, taking whatever the greeting is. */
    public Wire greeted() throws IOException {
        Wire wire = open();
        wire.send("HELO checker\r\n");
        wire.expectLine();
        return wire;
    }
}
