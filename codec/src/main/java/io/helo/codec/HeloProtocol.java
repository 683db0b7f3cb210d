package io.helo.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Constants of the protocol and of this implementation. */
public final class HeloProtocol {
    /** The TCP port servers listen on unless told otherwise. */
    public static final int DEFAULT_PORT = 8008;

    /** The longest request line a server accepts by default, in octets, counting the CRLF (as SMTP's text line). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1000;

    /**
     * How many octets of one over-long line a server reads and discards, past the line length limit, before it
     * gives up on ever seeing its end and closes the connection.
     */
    public static final int DEFAULT_MAX_DISCARD = 64 * 1024;

    /** How many error replies a session may get before a server closes it with {@code ERR too-many-errors}. */
    public static final int DEFAULT_MAX_ERRORS = 10;

    /** How long a server waits for a complete request before it closes with {@code ERR idle-timeout}. */
    public static final java.time.Duration DEFAULT_IDLE_TIMEOUT = java.time.Duration.ofSeconds(300);

    /**
     * How long a server or client waits, after bytes that do not end in a line end, before taking them as a
     * complete line (for peers that send no line ends at all); see PROTOCOL.md.
     */
    public static final java.time.Duration DEFAULT_QUIET_LINE_END = java.time.Duration.ofMillis(300);

    private static final String VERSION = loadVersion();

    private HeloProtocol() {
    }

    /**
     * The version of this implementation, from the build.
     *
     * @return the version, or {@code unknown} if the build did not record it
     */
    public static String version() {
        return VERSION;
    }

    private static String loadVersion() {
        try (InputStream in = HeloProtocol.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
