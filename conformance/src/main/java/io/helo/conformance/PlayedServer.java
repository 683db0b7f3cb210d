package io.helo.conformance;

import io.helo.codec.InvalidRequest;
import io.helo.codec.IpLiterals;
import io.helo.codec.ParsedRequest;
import io.helo.codec.ReplyWriter;
import io.helo.codec.Request;
import io.helo.codec.RequestParser;
import io.helo.codec.Response;
import io.helo.codec.blocking.LineReader;
import io.helo.conformance.ClientSession.Behaviour;
import io.helo.conformance.ClientSession.SentLine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The server the checker plays for a client under test: it takes the client's first connection, records every line
 * the client sends, answers as a correct server would (or as the chosen misbehaviour says), and notes whether the
 * client closed after the goodbye.
 */
final class PlayedServer {
    private static final int MAX_LINE = 64 * 1024;
    private static final Duration QUIET = Duration.ofMillis(500);
    /**
     * The played server answers once the client has paused this long. A client that writes its whole session and
     * closes at once has then sent all of it before a reply arrives: a reply unread at its close would make its
     * kernel reset the connection and drop what it had not yet sent (small writes wait for an ACK, Nagle's rule).
     */
    private static final Duration ANSWER_PAUSE = Duration.ofMillis(100);

    /** A reason token no version of PROTOCOL.md defines, which a client MUST accept as an error. */
    static final Response UNKNOWN_ERROR = new Response.ErrorReply("not-yet-defined",
            "a reason a later version may add");
    /** The final line a stopping server sends mid-session. */
    static final Response SHUTTING_DOWN = new Response.ErrorReply("shutting-down",
            "server shutting down, closing connection");
    /** The loopback address as Java's {@code getHostAddress()} writes it: valid IPv6, not RFC 5952's form. */
    static final String NON_CANONICAL_LOOPBACK = "0:0:0:0:0:0:0:1";

    private final Behaviour behaviour;
    private boolean misbehaved;
    private final List<SentLine> lines = new ArrayList<>();
    private final Transcript transcript = new Transcript();
    private int connection;
    private boolean connected;
    private boolean closedAfterLastLine;
    private boolean stoppedReading;
    private int unansweredAtClose;
    private int sentBeforeMisbehaviour = -1;

    PlayedServer(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Serves {@code socket} (null: the client never connected) until the session is over or {@code within}. */
    void serve(Socket socket, Duration within) throws IOException {
        if (socket == null) {
            return; // the client never connected: graded as such
        }
        connected = true;
        connection = transcript.opened("the client connected from " + Show.address(
                (java.net.InetSocketAddress) socket.getRemoteSocketAddress()));
        long deadline = System.nanoTime() + within.toNanos();
        socket.setSoLinger(true, 0); // at the end, a reset: no TIME_WAIT left on the port for the next program
        try (socket) {
            OutputStream out = socket.getOutputStream();
            if (behaviour == Behaviour.BUSY || behaviour == Behaviour.RATE_LIMITED) {
                write(out, ReplyWriter.encode(behaviour == Behaviour.BUSY
                        ? new Response.ErrorReply("busy", "too many connections, try again later")
                        : new Response.ErrorReply("rate-limited", "connecting too often, try again later")));
                transcript.note(connection, "the checker half-closed (shut down its sending side)");
                socket.shutdownOutput();
                closedAfterLastLine = record(LineReader.of(socket, MAX_LINE, MAX_LINE, QUIET), deadline);
                return;
            }
            LineReader in = LineReader.of(socket, MAX_LINE, MAX_LINE, QUIET);
            boolean greeted = false;
            List<LineReader.Line> unanswered = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                long left = Math.max(1, deadline - System.nanoTime());
                LineReader.Framed framed;
                try {
                    framed = in.read(Duration.ofNanos(unanswered.isEmpty() ? left : Math.min(left,
                            ANSWER_PAUSE.toNanos())));
                } catch (SocketTimeoutException paused) {
                    if (unanswered.isEmpty()) {
                        continue; // the deadline decides
                    }
                    for (LineReader.Line line : unanswered) {
                        ParsedRequest request = RequestParser.parse(line.text());
                        Response reply = answer(request, greeted, socket, behaviour);
                        // the misbehaviours that answer one request differently take the first one after a greeting
                        boolean misbehave = greeted && !misbehaved && !(request instanceof Request.Bye);
                        greeted |= request instanceof Request.Helo;
                        if (misbehave && behaviour == Behaviour.UNKNOWN_ERROR) {
                            misbehaved = true;
                            sentBeforeMisbehaviour = lines.size();
                            reply = UNKNOWN_ERROR;
                        }
                        if (misbehave && behaviour == Behaviour.SHUTTING_DOWN) {
                            write(out, ReplyWriter.encode(SHUTTING_DOWN));
                            sentBeforeMisbehaviour = lines.size();
                            if (!stoppedReading) {
                                transcript.note(connection, "the checker half-closed (shut down its sending side)");
                                socket.shutdownOutput();
                            }
                            closedAfterLastLine = record(in, deadline) || stoppedReading;
                            return;
                        }
                        if (behaviour == Behaviour.SLOW) {
                            pause();
                        }
                        byte[] octets = ReplyWriter.encode(reply);
                        write(out, behaviour == Behaviour.NO_LINE_ENDS ? withoutLineEnd(octets)
                                : behaviour == Behaviour.BARE_LF ? withBareLf(octets) : octets);
                        if (reply instanceof Response.Goodbye) {
                            if (!stoppedReading) {
                                transcript.note(connection, "the checker half-closed (shut down its sending side)");
                                socket.shutdownOutput();
                            }
                            closedAfterLastLine = record(in, deadline) || stoppedReading;
                            return;
                        }
                    }
                    unanswered.clear();
                    continue;
                }
                if (!(framed instanceof LineReader.Line line)) {
                    transcript.note(connection, framed == null ? "closed by the client" : "a line too long to take");
                    unansweredAtClose = unanswered.size();
                    return; // the client closed (or sent a line too long to be one)
                }
                note(line);
                unanswered.add(line);
            }
        } catch (IOException e) {
            // the client reset the connection: what it sent before is recorded
            transcript.note(connection, "reset by the client");
        }
    }

    ClientSession session(int port, boolean exited, int status, long millis, String output) {
        return new ClientSession(behaviour, port, connected, lines, closedAfterLastLine, exited, status, millis, output,
                transcript, unansweredAtClose, sentBeforeMisbehaviour);
    }

    /**
     * Sends a reply, unless the client has stopped taking them: a client that sends its whole session and closes
     * without reading makes a write fail, but the lines it sent before it closed are still there to be read.
     */
    private void write(OutputStream out, byte[] octets) {
        if (stoppedReading) {
            return;
        }
        try {
            transcript.sent(connection, octets, 0, octets.length);
            out.write(octets);
            out.flush();
        } catch (IOException e) {
            stoppedReading = true;
            transcript.note(connection, "the reply could not be sent: the client had closed (" + e.getMessage() + ")");
        }
    }

    private void note(LineReader.Line line) {
        lines.add(new SentLine(line.text(), line.end()));
        byte[] end = switch (line.end()) {
            case CRLF -> new byte[] {'\r', '\n'};
            case LF -> new byte[] {'\n'};
            case SILENCE, END_OF_STREAM -> new byte[0];
        };
        byte[] octets = java.util.Arrays.copyOf(line.bytes(), line.bytes().length + end.length);
        System.arraycopy(end, 0, octets, line.bytes().length, end.length);
        transcript.received(connection, octets, 0, octets.length);
        if (end.length == 0) {
            transcript.note(connection, line.end() == io.helo.codec.LineEnd.SILENCE ? "no line end: taken after silence"
                    : "no line end: the stream ended");
        }
    }

    /** Records what the client sends until it closes; true if it closed before the deadline. */
    private boolean record(LineReader in, long deadline) throws IOException {
        while (System.nanoTime() < deadline) {
            LineReader.Framed framed;
            try {
                framed = in.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                transcript.note(connection, "reset by the client");
                return true; // a reset is a close too
            }
            if (framed == null) {
                transcript.note(connection, "closed by the client");
                return true;
            }
            if (framed instanceof LineReader.Line line) {
                note(line);
            }
        }
        return false;
    }

    private static Response answer(ParsedRequest parsed, boolean greeted, Socket socket, Behaviour behaviour) {
        if (parsed instanceof InvalidRequest invalid) {
            return invalid.reply();
        }
        Request request = (Request) parsed;
        if (!greeted && !(request instanceof Request.Helo) && !(request instanceof Request.Bye)) {
            return new Response.ErrorReply("helo-required", "say HELO first");
        }
        return switch (request.command()) {
            case HELO -> new Response.Greeting(((Request.Helo) request).hostname());
            case REQTIME -> new Response.CurrentTime(LocalTime.now());
            case REQDATE -> new Response.CurrentDate(LocalDate.now());
            case ECHO -> new Response.Echo(((Request.Echo) request).text());
            case REQIP -> new Response.Address(behaviour == Behaviour.NON_CANONICAL_IPV6 ? NON_CANONICAL_LOOPBACK
                    : IpLiterals.format(socket.getInetAddress()));
            case BYE -> new Response.Goodbye();
        };
    }

    private static byte[] withBareLf(byte[] octets) {
        byte[] bare = java.util.Arrays.copyOf(octets, octets.length - 1);
        bare[bare.length - 1] = '\n';
        return bare;
    }

    private static byte[] withoutLineEnd(byte[] octets) {
        return new String(octets, StandardCharsets.UTF_8).replaceAll("\r\n$", "").getBytes(StandardCharsets.UTF_8);
    }

    private static void pause() {
        try {
            Thread.sleep(2000); // the misbehaviour itself: a server that answers late
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
