package io.helo.conformance;

import io.helo.codec.InvalidRequest;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.ParsedRequest;
import io.helo.codec.Request;
import io.helo.codec.RequestParser;
import io.helo.codec.Response;
import io.helo.codec.ResponseParser;
import io.helo.codec.ServerLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Judges one pairing of a server and a client by its complete session, as the relay recorded it: the client's first
 * connection must carry a session that reaches {@code BYE} and its reply, every request (parsed with the codec's
 * request parser) answered as PROTOCOL.md requires (the reply read with the codec's reply parser, as a client reads
 * it: a greeting with the name sent, a time and a date in their forms, the text echoed, the address the server saw,
 * the goodbye and then the close; an invalid line its {@code ERR} token; before {@code HELO}, {@code ERR
 * helo-required}); the client must have exited with status 0, and the server must still run.
 */
final class PairingJudge {
    /** A pairing's result. */
    static final String WORKS = "works";
    /** A pairing's result. */
    static final String FAILS = "fails";
    /** A pairing's result. */
    static final String NOT_RUN = "not run";

    /**
     * What a pairing came to.
     *
     * @param result {@link #WORKS}, {@link #FAILS} or {@link #NOT_RUN}
     * @param reason why, in one line (empty when it works)
     */
    record Result(String result, String reason) {
        static Result works() {
            return new Result(WORKS, "");
        }

        static Result fails(String reason) {
            return new Result(FAILS, reason);
        }

        static Result notRun(String reason) {
            return new Result(NOT_RUN, reason);
        }
    }

    private PairingJudge() {
    }

    /**
     * Judges a session.
     *
     * @param connection the client's first connection, or null if it never connected
     * @param address the address the server saw the client's connection come from, as REQIP must answer it
     * @param clientStatus the client's exit status, or null if it did not end in time
     * @param serverGone why the server is no longer running, or null if it runs
     */
    static Result judge(WireRelay.Connection connection, String address, Integer clientStatus, String serverGone) {
        if (serverGone != null) {
            return Result.fails(serverGone);
        }
        if (connection == null) {
            return Result.fails("the client never connected" + (clientStatus == null ? "" : " (it exited with status "
                    + clientStatus + ")"));
        }
        if (connection.problem() != null) {
            return Result.fails(connection.problem());
        }
        String session = session(connection, address);
        if (session != null) {
            return Result.fails(session);
        }
        if (clientStatus == null) {
            return Result.fails("the client did not end by itself after the goodbye");
        }
        return clientStatus == 0 ? Result.works() : Result.fails("the client exited with status " + clientStatus
                + " after a complete session");
    }

    /** What is wrong with the session, or null if it reached the goodbye with every reply as required. */
    private static String session(WireRelay.Connection connection, String address) {
        List<byte[]> requests = lines(connection.sent(), connection.pauses(true), connection.clientEnded());
        List<String> replies = new ArrayList<>();
        for (byte[] reply : lines(connection.received(), connection.pauses(false), connection.serverEnded())) {
            replies.add(new String(reply, StandardCharsets.UTF_8));
        }
        boolean greeted = false;
        for (int i = 0; i < requests.size(); i++) {
            byte[] octets = requests.get(i);
            String sent = Show.text(new String(octets, StandardCharsets.UTF_8));
            ParsedRequest request = RequestParser.parse(octets, 0, octets.length);
            if (i >= replies.size()) {
                return "no reply to " + sent + (connection.serverEnded() ? ": the server closed the connection first"
                        : connection.truncated() ? " within the 64 KiB recorded" : "");
            }
            String reply = replies.get(i);
            String wrong = wrong(request, reply, greeted, address);
            if (wrong != null) {
                return "the reply to " + sent + " was " + Show.text(reply) + ", not " + wrong;
            }
            greeted |= request instanceof Request.Helo;
            if (request instanceof Request.Bye) {
                return connection.serverEnded() ? null : "the server did not close the connection after the goodbye";
            }
        }
        return requests.isEmpty() ? "the client connected and sent nothing" : "the client's session ended without BYE"
                + " (" + requests.size() + " requests, the last " + Show.text(new String(requests.get(requests.size()
                - 1), StandardCharsets.UTF_8)) + ")";
    }

    /** What the reply should have been, or null if it is as required. */
    private static String wrong(ParsedRequest request, String reply, boolean greeted, String address) {
        if (request instanceof InvalidRequest invalid) {
            Response.ErrorReply error = ResponseParser.parseError(reply);
            String token = invalid.reason().token();
            return error != null && error.reason().equals(token) ? null : "ERR " + token + " (the client sent an"
                    + " invalid line)";
        }
        Request valid = (Request) request;
        ServerLine line = ResponseParser.parse(valid, reply);
        if (!greeted && !(valid instanceof Request.Helo) && !(valid instanceof Request.Bye)) {
            return line instanceof Response.ErrorReply e && e.reason().equals("helo-required") ? null
                    : "ERR helo-required (the client sent it before HELO)";
        }
        if (valid instanceof Request.Helo helo) {
            Response greeting = new Response.Greeting(helo.hostname());
            return line.equals(greeting) ? null : Show.text(greeting.line());
        } else if (valid instanceof Request.ReqTime) {
            return line instanceof Response.CurrentTime ? null : "a time, hh:mm:ss";
        } else if (valid instanceof Request.ReqDate) {
            return line instanceof Response.CurrentDate ? null : "a date, YYYY-MM-DD";
        } else if (valid instanceof Request.Echo echo) {
            return line.equals(new Response.Echo(echo.text())) ? null : Show.text(echo.text());
        } else if (valid instanceof Request.ReqIp) {
            return line instanceof Response.Address a && a.address().equals(address) ? null : Show.text(address)
                    + " (the address the server saw)";
        }
        return line instanceof Response.Goodbye ? null : Show.text(new Response.Goodbye().line());
    }

    /**
     * The lines of {@code octets}, each without its line end (LF, and one CR before it), as a peer reads them: octets
     * without a line end are a line too when their sender paused after them ({@code pauses}, offsets where the relay
     * saw a quiet period) or ended its side (PROTOCOL.md 2.1).
     */
    static List<byte[]> lines(byte[] octets, List<Integer> pauses, boolean ended) {
        Collected collected = new Collected();
        LineFramer framer = new LineFramer(Integer.MAX_VALUE, 0); // no limit of its own: the relay caps what it keeps
        int fed = 0;
        for (int pause : new TreeSet<>(pauses)) {
            if (pause > fed && pause <= octets.length) {
                framer.feed(octets, fed, pause, collected);
                framer.endLine(LineEnd.SILENCE, collected);
                fed = pause;
            }
        }
        framer.feed(octets, fed, octets.length, collected);
        if (ended) {
            framer.endLine(LineEnd.END_OF_STREAM, collected);
        }
        return collected.lines;
    }

    /** The framer's lines, copied: a CR at the very end of a line a pause or the end of a side ends is dropped. */
    private static final class Collected implements LineFramer.Sink {
        private final List<byte[]> lines = new ArrayList<>();

        @Override
        public boolean line(byte[] bytes, int from, int to, LineEnd end) {
            lines.add(Arrays.copyOfRange(bytes, from, to));
            return true;
        }

        @Override
        public boolean tooLong() {
            throw new IllegalStateException("a line too long for a framer without a limit");
        }

        @Override
        public boolean unterminated() {
            throw new IllegalStateException("a line too long for a framer without a limit");
        }
    }
}
