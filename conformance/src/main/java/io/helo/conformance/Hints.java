package io.helo.conformance;

import java.util.Map;

/** One line for each case a common mistake explains: what students who fail it have usually done, and the fix. */
final class Hints {
    private static final String LINES = "read lines, not recv() chunks: one read may hold several requests or part of"
            + " one; keep what arrives in a buffer and answer each line that ends in LF";
    private static final String ONLY_THE_COMMAND = "upper-case (or lower-case) only the command word, never the whole"
            + " line: the argument is kept exactly as sent";
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("server/2/reply-crlf", "end every reply with CR LF (\"\\r\\n\"); print(), println() and"
                    + " readline-style writers end lines with a bare LF"),
            Map.entry("server/2/lf-accepted", "a line ends at LF; remove one CR right before it if there is one"),
            Map.entry("server/2/pipelining", LINES),
            Map.entry("server/6/session-continues", LINES),
            Map.entry("server/2.1/request-without-line-end", "when bytes without a line end are followed by silence"
                    + " (this server's quiet period is 300 ms), take them as a line"),
            Map.entry("server/5.1/hostname-one-word", "check the name: one word of printable characters, at most 255"
                    + " octets; otherwise ERR bad-argument"),
            Map.entry("server/5.1/hostname-length", "count the name's octets in UTF-8: more than 255 is ERR"
                    + " bad-argument"),
            Map.entry("server/5.1/hostname-invisible", "beyond ASCII only letters, marks, numbers, punctuation and"
                    + " symbols (unicodedata.category) make a name; separators and format characters are ERR"
                    + " bad-argument"),
            Map.entry("server/2/lone-cr", "only LF ends a line: Java's readLine() and Python's universal newlines also"
                    + " split at a lone CR; frame lines yourself"),
            Map.entry("server/2/cr-cr-lf", "remove exactly one CR before the LF, not all of them (rstrip(\"\\r\\n\")"
                    + " removes both); the other CR is a control character"),
            Map.entry("server/2/split-request", LINES),
            Map.entry("server/3/trailing-space", "a command without argument must be exactly its name: \"REQTIME \" is"
                    + " ERR bad-argument"),
            Map.entry("server/5.4/echo-without-space", "\"ECHO\" alone has no text: ERR bad-argument (\"ECHO \""
                    + " echoes an empty line)"),
            Map.entry("server/6/control-characters", "check every character, NUL, DEL and U+0080 to U+009F included"),
            Map.entry("server/6/invalid-utf8-forms", "decode strictly: overlong forms (C0 AF) and surrogates (ED A0 80)"
                    + " are not UTF-8"),
            Map.entry("server/6/check-order", "check in PROTOCOL.md's order: length, UTF-8, empty, control"
                    + " characters, command, argument, then HELO"),
            Map.entry("server/6/wrong-protocol", "an HTTP request line as the first line gets ERR wrong-protocol and the"
                    + " connection closed"),
            Map.entry("server/3/case-insensitive", "compare the command word upper-cased (command.upper()), and keep"
                    + " the argument as sent"),
            Map.entry("server/5.1/greeting-verbatim", ONLY_THE_COMMAND),
            Map.entry("server/5.4/echo-verbatim", ONLY_THE_COMMAND),
            Map.entry("server/3/first-space", "split once, at the first space (line.partition(\" \"), split(\" \", 2)),"
                    + " and do not strip() the argument"),
            Map.entry("server/5.4/echo-whitespace", "split once, at the first space, and do not strip() the argument"),
            Map.entry("server/4/helo-first", "remember for each connection whether HELO was said; before it, answer"
                    + " REQTIME, REQDATE, ECHO and REQIP with ERR helo-required"),
            Map.entry("server/4/bye-closes", "send \"See ya later\\r\\n\", then close the connection"),
            Map.entry("server/5.6/goodbye", "answer BYE with \"See ya later\\r\\n\" before closing"),
            Map.entry("server/4/nothing-after-bye", "stop reading after BYE: answer it and close, even if more lines"
                    + " came in the same read"),
            Map.entry("server/4/half-close", "when a read returns the end of the stream, answer what you already"
                    + " read, then close"),
            Map.entry("server/5.2/time-format", "format with %H:%M:%S (HH:mm:ss): 24-hour, two digits each"),
            Map.entry("server/5.2/time-advances", "read the clock when the request comes (datetime.now() in the"
                    + " handler), not once when the server starts"),
            Map.entry("server/5.3/date-format", "format with %Y-%m-%d (yyyy-MM-dd)"),
            Map.entry("server/5.5/reqip", "answer the peer's address as accept() gives it (getpeername()[0]),"
                    + " without the port"),
            Map.entry("server/6/empty-line", "an empty line gets ERR empty-line, not unknown-command"),
            Map.entry("server/6/bad-argument", "commands other than HELO and ECHO take no argument: \"REQTIME now\""
                    + " is ERR bad-argument"),
            Map.entry("server/6/helo-without-name", "HELO without a name is a known command with a wrong argument:"
                    + " ERR bad-argument"),
            Map.entry("server/6/bad-character", "check every character: below U+0020 except TAB, U+007F and U+0080 to"
                    + " U+009F get ERR bad-character"),
            Map.entry("server/6/invalid-utf8", "decode strictly (errors=\"strict\", a CharsetDecoder that reports"
                    + " errors) and answer a line that fails with ERR invalid-utf8"),
            Map.entry("server/7/line-too-long", "count the octets of a line as they arrive; past the limit answer ERR"
                    + " line-too-long and discard up to the line end"),
            Map.entry("server/7/error-limit", "count the error replies of a session; at the limit send ERR"
                    + " too-many-errors right after the last one and close"),
            Map.entry("server/7/concurrent-clients", "serve each connection in a thread of its own (or with"
                    + " select/poll), so that one idle client does not block the others"),
            Map.entry("client/2/crlf", "end every line with CR LF (\"\\r\\n\")"),
            Map.entry("client/4/helo-first", "send \"HELO \" and the machine's host name first"),
            Map.entry("client/5.1/hostname", "send the machine's own name (socket.gethostname(),"
                    + " InetAddress.getLocalHost().getHostName())"),
            Map.entry("client/3/upper-case", "send command names in upper case"),
            Map.entry("client/assignment/every-command", "send HELO, REQTIME, REQDATE, ECHO, REQIP and BYE, each at"
                    + " least once"),
            Map.entry("client/4/bye-last", "send BYE last: the server closes after answering it"),
            Map.entry("client/4/closes-after-goodbye", "read the reply to BYE, then close the socket"),
            Map.entry("client/6/busy-ends-session", "an ERR line that answers no request ends the session: stop"
                    + " sending, close and exit"),
            Map.entry("client/6/rate-limited-ends-session", "an ERR line that answers no request ends the session:"
                    + " stop sending, close and exit"),
            Map.entry("client/6/final-line-ends-session", "check each reply: after ERR shutting-down (or any final"
                    + " line) the server has closed; stop sending, close and exit"),
            Map.entry("client/2.1/replies-with-bare-lf", "split replies at LF and remove one CR before it, if there"
                    + " is one; do not wait for CR LF"),
            Map.entry("client/6/unknown-error-token", "treat any reply starting \"ERR \" as an error, whatever its"
                    + " token; do not look it up in a fixed list"),
            Map.entry("client/5.5/non-canonical-ipv6", "parse the address (Python's ipaddress, Java's InetAddress)"
                    + " rather than compare its text"));

    private Hints() {
    }

    /** The hint for case {@code id}, or empty. */
    static String of(String id) {
        return HINTS.getOrDefault(id, "");
    }
}
