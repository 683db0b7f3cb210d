package io.helo.conformance;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw connection as the checker sees it: octets out exactly as given, lines in with the exact line end they came
 * with, so that a case can judge the line end apart from the text. A line the peer leaves without line end is
 * taken once the peer has been silent for the quiet period (PROTOCOL.md 2.1) or has closed, and marked so. Each reply
 * must be complete within the timeout, counted from the request: octets dripping in do not extend it. At most
 * {@link ReplyReader#DEFAULT_CAP} octets are held; a longer reply fails the case with its first octets.
 */
public final class Wire implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final Duration timeout;
    private final Duration quiet;
    private final ReplyReader replies = new ReplyReader(ReplyReader.DEFAULT_CAP);
    private final byte[] chunk = new byte[8192];
    private final Transcript transcript;
    private final int connection;
    private boolean ended;

    /** A line read, with its end: CRLF, LF, none (silence) or none (the stream ended). */
    public record Line(String text, String end) {
        /** The line end of a line taken after silence. */
        public static final String SILENCE = "";
        /** The line end of a line taken at the end of the stream. */
        public static final String END_OF_STREAM = "EOF";

        /** The line as received, for a report: line end included, control characters escaped. */
        public String shown() {
            return Show.text(text + (end.equals(END_OF_STREAM) ? "" : end));
        }
    }

    /** The peer did not answer in time. */
    public static final class NoReplyException extends IOException {
        private static final long serialVersionUID = 1L;

        NoReplyException(String message) {
            super(message);
        }
    }

    private Wire(Socket socket, Duration timeout, Duration quiet, Transcript transcript) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.timeout = timeout;
        this.quiet = quiet;
        this.transcript = transcript == null ? new Transcript() : transcript;
        this.connection = this.transcript.opened("connected to " + address(socket));
    }

    /** Connects to {@code address}, waiting at most {@code timeout} for the connection and for each reply. */
    public static Wire open(InetSocketAddress address, Duration timeout, Duration quiet) throws IOException {
        return open(address, timeout, quiet, null);
    }

    /** As the other {@code open}, noting what goes either way in {@code transcript} (null: nowhere). */
    public static Wire open(InetSocketAddress address, Duration timeout, Duration quiet, Transcript transcript)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) timeout.toMillis());
            return new Wire(socket, timeout, quiet, transcript);
        } catch (IOException e) {
            socket.close();
            if (transcript != null) {
                transcript.trouble(transcript.opened("connecting to " + Show.address(address)), "could not connect: "
                        + e.getMessage());
            }
            throw e;
        }
    }

    private static String address(Socket socket) {
        return Show.address((InetSocketAddress) socket.getRemoteSocketAddress());
    }

    /** Sends {@code text} as UTF-8, exactly: line ends are the caller's. */
    public Wire send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code octets} exactly. */
    public Wire send(byte[] octets) throws IOException {
        transcript.sent(connection, octets, 0, octets.length);
        socket.getOutputStream().write(octets);
        socket.getOutputStream().flush();
        return this;
    }

    /** Sends {@code line} (line end included) and reads the reply: one request at a time, as a cautious client does. */
    public Line ask(String line) throws IOException {
        return send(line).read();
    }

    /** Ends the checker's sending side (a TCP half-close); replies can still be read. */
    public void shutdownOutput() throws IOException {
        transcript.note(connection, "the checker half-closed (shut down its sending side)");
        socket.shutdownOutput();
    }

    /** The checker's own address on this connection: what a server's REQIP should report. */
    public InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    /**
     * The next line, or null if the peer closed (or reset) the connection with nothing pending.
     *
     * @throws NoReplyException if no complete reply arrived within the timeout
     * @throws ReplyReader.TooLongException if the reply went on past the checker's cap without a line end
     */
    public Line read() throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Line line = replies.next();
            if (line != null) {
                return line;
            }
            if (ended) {
                return replies.rest(Line.END_OF_STREAM);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new NoReplyException(replies.held() == 0 ? "no reply within " + Show.duration(timeout)
                        : "no complete reply within " + Show.duration(timeout) + ": " + Show.text(replies.preview())
                        + " so far, still without a line end");
            }
            boolean quietDecides = replies.held() > 0 && quiet.toMillis() < left;
            try {
                fill((int) Math.min(left, replies.held() > 0 ? quiet.toMillis() : left));
            } catch (SocketTimeoutException e) {
                if (quietDecides) {
                    return replies.rest(Line.SILENCE);
                }
            }
        }
    }

    /** The next line, which must come: a close is reported as not a line. */
    public Line expectLine() throws IOException {
        Line line = read();
        if (line == null) {
            throw new NoReplyException("the connection was closed instead of a reply");
        }
        return line;
    }

    /**
     * Waits for the peer to close the connection.
     *
     * @return null if it closed (or reset) within {@code within}; otherwise what it did instead
     */
    public String awaitClose(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!ended) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return replies.held() > 0 ? "sent " + Show.text(replies.preview()) + " and stayed open"
                        : "still open after " + Show.duration(within);
            }
            try {
                fill((int) left);
            } catch (SocketTimeoutException e) {
                // loop: the deadline decides
            }
        }
        return replies.held() > 0 ? "sent " + Show.text(replies.preview()) + " before closing" : null;
    }

    /** True if a reply (or the end of the stream) arrives within {@code within}; nothing is consumed. */
    public boolean replyWithin(Duration within) throws IOException {
        if (replies.held() > 0 || ended) {
            return true;
        }
        try {
            fill((int) Math.max(1, within.toMillis()));
        } catch (SocketTimeoutException e) {
            return false;
        }
        return true;
    }

    /**
     * Closes with a reset (SO_LINGER 0): the checker is done with the connection, and a reset leaves no TIME_WAIT on
     * the server's port, which would keep the next submission's server (one that binds without SO_REUSEADDR) from
     * starting there.
     */
    @Override
    public void close() throws IOException {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // nothing to reset
        }
        socket.close();
    }

    private void fill(int millis) throws IOException {
        socket.setSoTimeout(Math.max(1, millis));
        int n;
        try {
            // no more than the reader has room for, which would drop the start of a reply after a long one; a reply
            // alone over the cap still overflows it by the octet read when there is no room
            n = in.read(chunk, 0, Math.max(1, Math.min(chunk.length, replies.room())));
        } catch (SocketException e) {
            transcript.trouble(connection, "reset by the peer");
            ended = true; // a reset ends the stream as a close does
            return;
        }
        if (n < 0) {
            transcript.trouble(connection, "closed by the peer");
            ended = true;
            return;
        }
        transcript.received(connection, chunk, 0, n);
        replies.feed(chunk, 0, n);
    }
}
