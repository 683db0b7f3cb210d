package io.helo.conformance;

import io.helo.codec.HeloProtocol;
import io.helo.codec.IpLiterals;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The catalogue of server cases: each opens its own connections and checks one requirement of PROTOCOL.md. */
public final class ServerCases {
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final String GREETING = "Hello checker, pleased to meet you.";
    private static final long CLOCK_TOLERANCE_SECONDS = 5;
    private static final java.time.format.DateTimeFormatter HH_MM_SS =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");
    /** How long {@code time-advances} waits between its two REQTIME: just over the one second they must differ by. */
    private static final Duration TIME_STEP = Duration.ofMillis(1100);
    /** The pause between the two halves of {@code split-request}. */
    private static final Duration SPLIT_PAUSE = Duration.ofMillis(100);
    /** The least {@code endless-line} sends of its line at a time. */
    private static final int ENDLESS_STEP = 16 * 1024;
    /** How long {@code endless-line} gives the server to answer after each step of a line without end. */
    private static final Duration ENDLESS_PAUSE = Duration.ofMillis(25);

    /** What {@code error-limit} asks to be echoed once the limit is reached: a server that answers has none. */
    private static final String PAST_THE_LIMIT = "past the error limit";

    private final List<Case<ServerTarget>> cases = new ArrayList<>();

    private ServerCases() {
        transport();
        lineEnds();
        noLineEnds();
        grammar();
        arguments();
        session();
        halfCloseUnterminated();
        commands();
        errors();
        limits();
        assignment();
    }

    /** Every server case, in catalogue order. */
    public static List<Case<ServerTarget>> all() {
        return List.copyOf(new ServerCases().cases);
    }

    private void add(String name, String section, Level level, String requirement, Case.Check<ServerTarget> check,
            String... tags) {
        String id = "server/" + section + "/" + name;
        cases.add(new Case<>(id, section, level, requirement, Hints.of(id), Set.of(tags), check));
    }

    private void transport() {
        add("reply-crlf", "2", Level.MUST, "Every reply is exactly one line ending in CRLF. Servers MUST NOT send a"
                + " bare LF.", t -> {
                    // one request at a time and no BYE: this case judges line ends, not pipelining or goodbyes
                    try (Wire w = t.open()) {
                        for (String request : List.of("HELO checker\r\n", "REQTIME\r\n", "ECHO x\r\n")) {
                            Wire.Line line = w.send(request).expectLine();
                            if (!line.end().equals("\r\n")) {
                                return Verdict.notMet("the reply to " + Show.text(request) + " is " + line.shown()
                                        + ": " + describeEnd(line.end()));
                            }
                        }
                        return Verdict.met();
                    }
                });
        add("lf-accepted", "2", Level.MUST, "Senders MUST end every line with CRLF; receivers MUST also accept a bare"
                + " LF.", t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.text(w.ask("HELO checker\n"), GREETING),
                                () -> Expect.text(w.ask("ECHO bare\n"), "bare"));
                    }
                });
        add("pipelining", "2", Level.MUST, "A client MAY send several requests without waiting for replies"
                + " (pipelining). The server answers them in order.", t -> {
                    try (Wire w = t.open()) {
                        w.send("HELO checker\r\nECHO one\r\nECHO two\r\nECHO three\r\n");
                        return Expect.inOrder(() -> Expect.text(w.read(), GREETING), () -> Expect.text(w.read(), "one"),
                                () -> Expect.text(w.read(), "two"), () -> Expect.text(w.read(), "three"));
                    }
                });
        add("utf8", "2", Level.MUST, "Requests and replies are lines of UTF-8 text (RFC 3629).", t -> {
            try (Wire w = t.greeted()) {
                return Expect.text(w.send("ECHO héllo wörld ✓ 日本語\r\n").read(), "héllo wörld ✓ 日本語");
            }
        });
    }

    private void lineEnds() {
        add("lone-cr", "2", Level.MUST, "A CR never ends a line by itself: `HELO x` CR `REQIP` LF [is] one line"
                + " answered with `ERR bad-character`.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("ECHO x\rREQIP\r\n"), "bad-character"),
                                () -> Expect.text(w.ask("ECHO next\r\n"), "next"));
                    }
                });
        add("cr-cr-lf", "2", Level.MUST, "The CR of a CRLF belongs to the line end and is removed with it: exactly one"
                + " CR, right before the LF. Any other CR stays in the line: `REQTIME` followed by CR CR LF [is] one"
                + " line answered with `ERR bad-character`.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.error(w.ask("REQTIME\r\r\n"), "bad-character");
                    }
                });
        add("split-request", "2", Level.MUST, "Requests and replies are lines: a request that arrives in two TCP"
                + " segments is one line.", t -> {
                    try (Wire w = t.open()) {
                        w.send("HEL");
                        Thread.sleep(SPLIT_PAUSE.toMillis()); // two segments, well within any quiet period
                        return Expect.text(w.send("O checker\r\n").read(), GREETING);
                    }
                });
    }

    private void noLineEnds() {
        add("request-without-line-end", "2.1", Level.SHOULD, "A server SHOULD take bytes without a line end as a"
                + " complete line once nothing more has arrived for a quiet period, and when the client's stream"
                + " ends.", t -> {
                    try (Wire w = t.open()) {
                        w.send("HELO checker"); // and then silence, as many assignment clients do
                        return Expect.text(w.read(), GREETING);
                    }
                });
    }

    private void grammar() {
        add("case-insensitive", "3", Level.MUST, "Command names are case-insensitive (as ABNF string literals are).",
                t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.text(w.ask("helo checker\r\n"), GREETING),
                                () -> Expect.text(w.ask("Echo mixed\r\n"), "mixed"),
                                () -> Expect.text(w.ask("echo lower\r\n"), "lower"));
                    }
                });
        add("first-space", "3", Level.MUST, "A request is split at the first space: what precedes it is the command"
                + " name, what follows it is the argument. `ECHO  two` (two spaces) therefore echoes ` two` with its"
                + " leading space.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO  two\r\n").read(), " two");
                    }
                });
    }

    private void arguments() {
        add("trailing-space", "3", Level.MUST, "Commands that take no argument MUST be sent without one, and without"
                + " trailing spaces (`REQTIME ` gets `ERR bad-argument`).", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.error(w.ask("REQTIME \r\n"), "bad-argument");
                    }
                });
    }

    private void session() {
        add("helo-first", "4", Level.MUST, "A client MUST send `HELO` before any other command. Before it, `REQTIME`,"
                + " `REQDATE`, `ECHO` and `REQIP` are answered with `ERR helo-required` and the session stays open.",
                t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("REQTIME\r\n"), "helo-required"),
                                () -> Expect.error(w.ask("ECHO early\r\n"), "helo-required"),
                                () -> Expect.text(w.ask("HELO checker\r\n"), GREETING));
                    }
                });
        add("helo-required", "4", Level.MUST, "Before it, `REQTIME`, `REQDATE`, `ECHO` and `REQIP` are answered with"
                + " `ERR helo-required` and the session stays open.", t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("REQDATE\r\n"), "helo-required"),
                                () -> Expect.error(w.ask("REQIP\r\n"), "helo-required"),
                                () -> Expect.text(w.ask("HELO checker\r\n"), GREETING));
                    }
                });
        add("repeated-helo", "4", Level.MUST, "`HELO` MAY be repeated; the server greets each time and remembers the"
                + " latest name.", t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.text(w.ask("HELO first\r\n"), "Hello first, pleased to meet you."),
                                () -> Expect.text(w.ask("HELO second\r\n"), "Hello second, pleased to meet you."));
                    }
                });
        add("bye-any-state", "4", Level.MUST, "`BYE` is allowed in every state.", t -> {
            try (Wire w = t.open()) {
                return Expect.text(w.send("BYE\r\n").read(), "See ya later");
            }
        });
        add("bye-closes", "4", Level.MUST, "After sending the reply to `BYE`, the server closes the connection.",
                t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.text(w.send("BYE\r\n").read(), "See ya later"),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                });
        add("nothing-after-bye", "4", Level.MUST, "Lines the client sent after `BYE` are not answered.", t -> {
            try (Wire w = t.greeted()) {
                return Expect.inOrder(() -> Expect.text(w.send("BYE\r\nREQTIME\r\n").read(), "See ya later"),
                        () -> closed(w.awaitClose(t.timeout())));
            }
        });
        add("invalid-keeps-state", "4", Level.MUST, "An invalid line never changes the state.", t -> {
            try (Wire w = t.greeted()) {
                Wire.Line error = w.ask("FOO\r\n");
                if (error == null || !error.text().startsWith("ERR ")) {
                    return Verdict.notMet("expected an error reply to \"FOO\" but " + (error == null
                            ? "the connection was closed" : "got " + error.shown()));
                }
                return Expect.text(w.ask("ECHO still greeted\r\n"), "still greeted");
            }
        });
        add("half-close", "4", Level.MUST, "If the client shuts down its sending side (a TCP half-close), the server"
                + " still answers every line it received, then closes.", t -> {
                    try (Wire w = t.greeted()) {
                        w.send("ECHO last words\r\n");
                        w.shutdownOutput();
                        return Expect.inOrder(() -> Expect.text(w.read(), "last words"),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                });
    }

    private void halfCloseUnterminated() {
        add("half-close-unterminated", "4", Level.MUST, "If the client shuts down its sending side (a TCP half-close),"
                + " the server still answers every line it received, then closes; an unterminated last line counts as"
                + " a line.", t -> {
                    try (Wire w = t.greeted()) {
                        w.send("ECHO last words");
                        w.shutdownOutput();
                        return Expect.inOrder(() -> Expect.text(w.read(), "last words"),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                });
    }

    private void commands() {
        add("greeting", "5.1", Level.MUST, "`HELO <hostname>` introduces the client. Reply: `Hello <hostname>,"
                + " pleased to meet you.`", t -> {
                    try (Wire w = t.open()) {
                        return Expect.text(w.send("HELO mycomputer\r\n").read(), "Hello mycomputer, pleased to meet you.");
                    }
                });
        add("greeting-utf8", "5.1", Level.MUST, "It MUST be one word of at most 255 octets of UTF-8, made of printable"
                + " ASCII other than the space, and beyond ASCII of letters, marks, numbers, punctuation and symbols.",
                t -> {
                    try (Wire w = t.open()) {
                        return Expect.text(w.send("HELO café-zürich\r\n").read(), "Hello café-zürich, pleased to meet you.");
                    }
                });
        add("greeting-verbatim", "5.1", Level.MUST, "`HELO <hostname>` introduces the client. Reply: `Hello"
                + " <hostname>, pleased to meet you.` (the name as sent, upper case included)", t -> {
                    try (Wire w = t.open()) {
                        return Expect.text(w.send("HELO MyPC-Lab2\r\n").read(), "Hello MyPC-Lab2, pleased to meet you.");
                    }
                });
        hostNameRule("hostname-one-word", "HELO two words\r\n", "HELO with two words (one word is allowed)");
        hostNameRule("hostname-length", "HELO " + "h".repeat(256) + "\r\n", "a 256-octet name (255 at most)");
        hostNameRule("hostname-invisible", "HELO pc\u200Bname\r\n", "a name with U+200B, an invisible format"
                + " character");
        add("time-format", "5.2", Level.MUST, "The server's current time of day in its own time zone, as ISO 8601"
                + " `hh:mm:ss`, 24-hour, seconds truncated.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.matches(w.send("REQTIME\r\n").read(), TIME, "hh:mm:ss, e.g. \"09:05:03\"");
                    }
                });
        add("time-now", "5.2", Level.MUST, "The server's current time of day in its own time zone.", t -> {
            try (Wire w = t.greeted()) {
                Wire.Line line = w.send("REQTIME\r\n").read();
                if (line == null || !TIME.matcher(line.text()).matches()) {
                    return Verdict.notApplicable("no hh:mm:ss reply to compare (see server/5.2/time-format)");
                }
                return nearNow(LocalTime.parse(line.text()), t);
            }
        });
        add("time-advances", "5.2", Level.MUST, "The server's current time of day: read at each request, not once"
                + " (two REQTIME a second apart differ by that second).", ServerCases::timeAdvances);
        add("date-format", "5.3", Level.MUST, "The server's current date in its own time zone, as ISO 8601"
                + " `YYYY-MM-DD`.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.matches(w.send("REQDATE\r\n").read(), DATE, "YYYY-MM-DD, e.g. \"2014-01-29\"");
                    }
                });
        add("date-today", "5.3", Level.MUST, "The server's current date in its own time zone.", t -> {
            try (Wire w = t.greeted()) {
                Wire.Line line = w.send("REQDATE\r\n").read();
                if (line == null || !DATE.matcher(line.text()).matches()) {
                    return Verdict.notApplicable("no YYYY-MM-DD reply to compare (see server/5.3/date-format)");
                }
                ZonedDateTime now = ZonedDateTime.now(t.zone());
                List<String> today = List.of(now.toLocalDate().toString(),
                        now.minusSeconds(CLOCK_TOLERANCE_SECONDS).toLocalDate().toString(),
                        now.plusSeconds(CLOCK_TOLERANCE_SECONDS).toLocalDate().toString());
                return today.contains(line.text()) ? Verdict.met() : Verdict.notMet("got " + line.shown()
                        + ", but today is " + now.toLocalDate() + " in " + t.zone() + (t.zoneGiven() ? ""
                                : " (the checker's zone: name the server's with --zone)"));
            }
        });
        add("echo", "5.4", Level.MUST, "`ECHO <text>` returns `<text>` verbatim.", t -> {
            try (Wire w = t.greeted()) {
                return Expect.text(w.send("ECHO this is some random text.\r\n").read(), "this is some random text.");
            }
        });
        add("echo-verbatim", "5.4", Level.MUST, "`ECHO <text>` returns `<text>` verbatim (upper case, digits and"
                + " punctuation as sent).", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO Hello World, 42 TIMES!\r\n").read(), "Hello World, 42 TIMES!");
                    }
                });
        add("echo-whitespace", "5.4", Level.MUST, "`ECHO <text>` returns `<text>` verbatim: every octet after the single"
                + " space that follows `ECHO`, up to the line end.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO \t spaced  out\t \r\n").read(), "\t spaced  out\t ");
                    }
                });
        add("echo-empty", "5.4", Level.MUST, "The text MAY be empty (`ECHO ` followed by CRLF gets an empty line"
                + " back).", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO \r\n").read(), "");
                    }
                });
        add("echo-without-space", "5.4", Level.MUST, "`ECHO` with no space is an error (`bad-argument`).", t -> {
            try (Wire w = t.greeted()) {
                return Expect.error(w.ask("ECHO\r\n"), "bad-argument");
            }
        });
        add("reqip", "5.5", Level.MUST, "The IP address the client connects from, as the server sees it: IPv4 dotted"
                + " decimal without leading zeros; an IPv4-mapped IPv6 address is given as plain IPv4.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("REQIP\r\n").read(), IpLiterals.format(w.localAddress()));
                    }
                });
        add("reqip-ipv6", "5.5", Level.MUST, "IPv6: the RFC 5952 text form: lower case, leading zeros dropped, the"
                + " longest run of two or more zero groups replaced by `::`. No zone.", ServerCases::reqIpOverIpv6,
                "ipv6");
        add("goodbye", "5.6", Level.MUST, "The server replies `See ya later` and then closes the connection.", t -> {
            try (Wire w = t.greeted()) {
                return Expect.text(w.send("BYE\r\n").read(), "See ya later");
            }
        });
    }

    private void errors() {
        errorCase("empty-line", "the line is empty", "\r\n", "empty-line");
        errorCase("unknown-command", "the first word, everything before the first space, is not a command",
                "FROB x\r\n", "unknown-command");
        errorCase("bad-argument", "an argument to a command that takes none", "REQTIME now\r\n", "bad-argument");
        errorCase("helo-without-name", "`HELO` without exactly one host name", "HELO\r\n", "bad-argument");
        errorCase("bad-character", "the line holds a control character", "ECHO a\u0001b\r\n", "bad-character");
        add("invalid-utf8", "6", Level.MUST, "`ERR invalid-utf8`: the line is not well-formed UTF-8.", t -> {
            try (Wire w = t.greeted()) {
                w.send(new byte[] {'E', 'C', 'H', 'O', ' ', (byte) 0xC3, '(', '\r', '\n'});
                return Expect.error(w.read(), "invalid-utf8");
            }
        });
        add("session-continues", "6", Level.MUST, "Every error costs only its own line: the session stays open and the"
                + " following lines are answered normally, including other lines that arrived in the same TCP"
                + " segment.", t -> {
                    try (Wire w = t.greeted()) {
                        w.send("FROB\r\nECHO still here\r\n");
                        return Expect.inOrder(() -> Expect.error(w.read(), "unknown-command"),
                                () -> Expect.text(w.read(), "still here"));
                    }
                });
        add("control-characters", "6", Level.MUST, "Control characters (U+0000 to U+001F except HTAB, U+007F, and"
                + " U+0080 to U+009F) are not allowed anywhere in a request line: a line containing one, NUL included,"
                + " is answered with `ERR bad-character` whatever its command.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("ECHO a\u0000b\r\n"), "bad-character"),
                                () -> Expect.error(w.ask("ECHO a\u007Fb\r\n"), "bad-character"),
                                () -> Expect.error(w.ask("ECHO a\u0085b\r\n"), "bad-character"),
                                () -> Expect.error(w.ask("FROB\u0001\r\n"), "bad-character"));
                    }
                });
        add("invalid-utf8-forms", "6", Level.MUST, "`ERR invalid-utf8`: the line is not well-formed UTF-8 (overlong forms"
                + " and surrogates included).", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.inOrder(() -> Expect.error(w.send(octets("ECHO ", 0xC0, 0xAF)).read(),
                                "invalid-utf8"), () -> Expect.error(w.send(octets("ECHO ", 0xED, 0xA0, 0x80)).read(),
                                        "invalid-utf8"));
                    }
                });
        add("check-order", "6", Level.MUST, "The checks are made in this order: length, UTF-8, empty line, control"
                + " characters, command name, argument, then the session state.", t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(
                                () -> Expect.error(w.send(octets("FROB \u0001", 0xFF)).read(), "invalid-utf8"),
                                () -> Expect.error(w.ask("FROB \u0001\r\n"), "bad-character"),
                                () -> Expect.error(w.ask("REQTIME now\r\n"), "bad-argument"));
                    }
                });
        add("wrong-protocol", "6", Level.SHOULD, "As Postfix and Redis do, the server ends such a session after its first"
                + " line, with `ERR wrong-protocol`, instead of answering line after line.", t -> {
                    try (Wire w = t.open()) {
                        return Expect.inOrder(() -> Expect.error(w.ask("GET / HTTP/1.1\r\n"), "wrong-protocol"),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                });
        add("explanation", "6", Level.SHOULD, "An error reply is `ERR`, a space, a reason token, a space and a fixed"
                + " English explanation.", t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("FROB\r\n").read(), "ERR unknown-command unknown command");
                    }
                });
    }

    private void hostNameRule(String name, String request, String what) {
        add(name, "5.1", Level.MUST, "It MUST be one word of at most 255 octets of UTF-8 (the longest DNS name) [...]."
                + " Separators (such as U+00A0, U+2028, U+3000), format characters (U+200B, U+202E ...) [...] are not"
                + " allowed [...]. A name breaking these rules gets `ERR bad-argument`.", t -> {
                    try (Wire w = t.open()) {
                        Verdict verdict = Expect.error(w.send(request).read(), "bad-argument");
                        return verdict.kind() == Verdict.Kind.MET ? verdict
                                : Verdict.notMet(verdict.detail() + " (" + what + ")");
                    }
                });
    }

    private void errorCase(String name, String when, String request, String token) {
        add(name, "6", Level.MUST, "`ERR " + token + "`: " + when + ".", t -> {
            try (Wire w = t.greeted()) {
                return Expect.error(w.send(request).read(), token);
            }
        });
    }

    private void limits() {
        add("line-too-long", "7", Level.SHOULD, "A line over the length limit is answered with `ERR line-too-long`;"
                + " its bytes are discarded up to the line end.", t -> {
                    try (Wire w = t.greeted()) {
                        Verdict tooLong = Expect.error(w.ask("ECHO " + "x".repeat(t.maxLineLength() + 100) + "\r\n"),
                                "line-too-long");
                        return Expect.inOrder(() -> tooLong, () -> Expect.text(w.ask("ECHO after\r\n"), "after"));
                    }
                });
        add("endless-line", "7", Level.SHOULD, "`ERR unterminated-line`: an over-long line went on past the discard"
                + " limit without a line end; the server sends it as its last line and closes.", t -> {
                    try (Wire w = t.greeted()) {
                        // send until the server gives up on the line, and not much more: octets sent after its
                        // last line are discarded only up to its limit, then the connection is reset, which
                        // could destroy that line before it is read. So each step gives it a moment to answer, and
                        // is half of what went before (16 KiB at least): past its last line the checker sends less
                        // than the server had taken, and a server that says nothing costs a dozen pauses, not 64.
                        int most = 1 << 20; // sixteen times this server's default discard limit
                        boolean answered = false;
                        for (int sent = 0, step = ENDLESS_STEP; sent < most; sent += step,
                                step = Math.min(most - sent, Math.max(ENDLESS_STEP, sent / 2))) {
                            // a server that has said line-too-long is counting: it gets longer to answer each chunk
                            if (w.replyWithin(answered ? ENDLESS_PAUSE.multipliedBy(4) : ENDLESS_PAUSE)) {
                                Wire.Line line = w.read();
                                if (line == null) {
                                    break;
                                }
                                if (line.text().startsWith("ERR unterminated-line")) {
                                    return closed(w.awaitClose(t.timeout()));
                                }
                                if (!line.text().startsWith("ERR line-too-long")) {
                                    return Verdict.notMet("expected \"ERR unterminated-line ...\" but got " + line.shown());
                                }
                                answered = true;
                            }
                            try {
                                w.send("x".repeat(step).getBytes(StandardCharsets.US_ASCII));
                            } catch (IOException e) {
                                break; // the server closed while the line went on: its lines are still readable
                            }
                        }
                        // a server that has not said a word in all that time is not about to: a short last wait
                        if (!w.replyWithin(answered ? t.timeout() : t.quiet())) {
                            return Verdict.notMet("no reply to " + most / 1024 + " KiB without a line end");
                        }
                        for (Wire.Line line; (line = w.read()) != null; ) {
                            if (line.text().startsWith("ERR unterminated-line")) {
                                return closed(w.awaitClose(t.timeout()));
                            }
                            if (!line.text().startsWith("ERR line-too-long")) {
                                return Verdict.notMet("expected \"ERR unterminated-line ...\" but got " + line.shown());
                            }
                        }
                        return Verdict.notMet("the connection was closed without \"ERR unterminated-line ...\"");
                    }
                });
        add("error-limit", "7", Level.SHOULD, "`ERR too-many-errors`: the session reached the error limit; sent right"
                + " after the error reply that reached it, then the connection is closed.", t -> {
                    try (Wire w = t.greeted()) {
                        for (int i = 0; i < t.maxErrors(); i++) {
                            Verdict error = Expect.error(w.ask("FROB\r\n"), "unknown-command");
                            if (error.kind() != Verdict.Kind.MET) {
                                return error;
                            }
                        }
                        // the final line comes right after the reply that reached the limit; when it has not come
                        // within a quiet period, one more request tells a server without a limit (it answers at once)
                        // from a slow one (it has ended the session and does not), instead of waiting out the timeout
                        if (!w.replyWithin(t.quiet())) {
                            try {
                                w.send("ECHO " + PAST_THE_LIMIT + "\r\n");
                            } catch (IOException closedMeanwhile) {
                                // its lines are still readable
                            }
                        }
                        Wire.Line last = w.read();
                        if (last != null && last.text().equals(PAST_THE_LIMIT)) {
                            return Verdict.notMet("it answered \"ECHO " + PAST_THE_LIMIT + "\" after " + t.maxErrors()
                                    + " error replies, instead of \"ERR too-many-errors ...\" and a close");
                        }
                        return Expect.inOrder(() -> Expect.error(last, "too-many-errors"),
                                () -> closed(w.awaitClose(t.timeout())));
                    }
                });
        add("idle-timeout", "7", Level.SHOULD, "`ERR idle-timeout`: no complete request within the idle timeout ("
                + HeloProtocol.DEFAULT_IDLE_TIMEOUT.toSeconds() + " s by default); the server sends it as its last line"
                + " and closes.", t -> {
                    try (Wire w = t.greeted()) {
                        Duration wait = t.idleTimeout().plus(t.timeout()).plusSeconds(2);
                        Wire.Line line = readWithin(w, wait);
                        return Expect.inOrder(() -> Expect.error(line, "idle-timeout"), () -> closed(w.awaitClose(t.timeout())));
                    }
                }, Case.SLOW);
        add("concurrent-clients", "7", Level.SHOULD, "The server serves many connections at once (10000 by default,"
                + " `busy` beyond): a second client is served while a first one stays connected.", t -> {
                    try (Wire first = t.greeted(); Wire second = t.open()) {
                        try {
                            return Expect.text(second.send("HELO checker\r\n").read(), GREETING);
                        } catch (Wire.NoReplyException e) {
                            return Verdict.notMet("a second client got no greeting within " + Show.duration(t.timeout())
                                    + " while a first one stayed connected: one client at a time");
                        }
                    }
                });
    }

    private void assignment() {
        add("port-8008", "assignment", Level.MUST, "You will write a server application that listens on TCP port 8008.",
                t -> t.port() == 8008 ? Verdict.met() : Verdict.notApplicable("checked on port " + t.port()
                        + ": run on 8008 to grade this"),
                Case.ASSIGNMENT_PROFILE);
        add("no-arguments", "assignment", Level.MUST, "The server can run in the foreground and should take no"
                + " arguments.", t -> {
                    if (t.command().isEmpty()) {
                        return Verdict.notApplicable("the server was already running: start it with -- COMMAND");
                    }
                    List<String> arguments = argumentsOf(t.command());
                    return arguments.isEmpty() ? Verdict.met()
                            : Verdict.notMet("it was started with arguments " + String.join(" ", arguments));
                }, Case.ASSIGNMENT_PROFILE);
        add("informational-messages", "assignment", Level.MUST, "It should print informational messages to the screen"
                + " as the client connects.", t -> {
                    if (t.printed() == null) {
                        return Verdict.notApplicable("the server was already running: start it with -- COMMAND");
                    }
                    return t.printed().get().isBlank() ? Verdict.notMet("it printed nothing while the checker's"
                            + " clients connected") : Verdict.met();
                }, Case.ASSIGNMENT_PROFILE);
    }

    /** The words after the program itself: after a script or jar run by an interpreter, or after the executable. */
    private static List<String> argumentsOf(List<String> command) {
        for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            // a .java file is a single-file program (java Server.java), run from its source as a script is
            if (word.endsWith(".py") || word.endsWith(".jar") || word.endsWith(".js") || word.endsWith(".rb")
                    || word.endsWith(".java")) {
                return command.subList(i + 1, command.size());
            }
        }
        return command.subList(1, command.size());
    }

    private static Wire.Line readWithin(Wire wire, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return wire.read();
            } catch (Wire.NoReplyException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static Verdict reqIpOverIpv6(ServerTarget t) throws IOException {
        InetAddress v6 = null;
        for (InetAddress address : InetAddress.getAllByName(t.host())) {
            if (address instanceof Inet6Address) {
                v6 = address;
            }
        }
        if (v6 == null && InetAddress.getByName(t.host()).isLoopbackAddress()) {
            v6 = InetAddress.getByName("::1");
        }
        if (v6 == null) {
            return Verdict.notApplicable(t.host() + " has no IPv6 address");
        }
        Wire w;
        try {
            w = t.open(v6);
        } catch (IOException e) {
            return Verdict.notApplicable("the server is not reachable over IPv6 at " + IpLiterals.format(v6) + ": "
                    + e.getMessage());
        }
        try (w) {
            w.send("HELO checker\r\n").expectLine();
            return Expect.text(w.send("REQIP\r\n").read(), IpLiterals.format(w.localAddress()));
        }
    }

    private static Verdict nearNow(LocalTime reported, ServerTarget t) {
        LocalTime checker = LocalTime.now(t.zone());
        int diff = Math.floorMod(reported.toSecondOfDay() - checker.toSecondOfDay(), 86_400);
        int signed = diff > 43_200 ? diff - 86_400 : diff; // the server's clock ahead (+) or behind (-)
        int off = Math.abs(signed);
        if (off <= CLOCK_TOLERANCE_SECONDS) {
            return Verdict.met();
        }
        String offset = Show.zoneOffset(signed, (int) CLOCK_TOLERANCE_SECONDS);
        String clock = checker.format(HH_MM_SS);
        String where = " than the checker's " + clock + " in " + t.zone();
        String apart = offset != null ? offset + " from the checker's " + clock + " in " + t.zone()
                + ": another time zone?" + (t.zoneGiven() ? "" : " (name the server's with --zone)")
                : Show.seconds(off) + (signed > 0 ? " later" : " earlier") + where;
        return Verdict.notMet("got " + reported.format(HH_MM_SS) + ", " + apart);
    }

    /** Two REQTIME a little over a second apart: a clock read once (at start-up, per connection) answers the same. */
    private static Verdict timeAdvances(ServerTarget t) throws IOException, InterruptedException {
        try (Wire w = t.greeted()) {
            long sent = System.nanoTime();
            Wire.Line first = w.send("REQTIME\r\n").read();
            if (first == null || !TIME.matcher(first.text()).matches()) {
                return Verdict.notApplicable("no hh:mm:ss reply to compare (see server/5.2/time-format)");
            }
            // over a second after the first reply came, the second one (seconds truncated) must be later
            Thread.sleep(TIME_STEP.toMillis());
            Wire.Line second = w.send("REQTIME\r\n").read();
            long millis = (System.nanoTime() - sent) / 1_000_000;
            if (second == null || !TIME.matcher(second.text()).matches()) {
                return Expect.matches(second, TIME, "hh:mm:ss, e.g. \"09:05:03\"");
            }
            int step = Math.floorMod(LocalTime.parse(second.text()).toSecondOfDay()
                    - LocalTime.parse(first.text()).toSecondOfDay(), 86_400);
            if (step == 0) {
                return Verdict.notMet("REQTIME answered " + first.shown() + " twice, " + Show.seconds(millis / 1000.0)
                        + " apart: the clock is read once (at start-up?), not at each request");
            }
            return step <= millis / 1000 + 1 ? Verdict.met() : Verdict.notMet("REQTIME answered " + first.shown()
                    + " then " + second.shown() + " " + Show.seconds(millis / 1000.0) + " later");
        }
    }

    /** {@code text} as UTF-8, then {@code octets}, then CRLF: a line with octets that are not UTF-8. */
    private static byte[] octets(String text, int... octets) {
        byte[] start = text.getBytes(StandardCharsets.UTF_8);
        byte[] line = java.util.Arrays.copyOf(start, start.length + octets.length + 2);
        for (int i = 0; i < octets.length; i++) {
            line[start.length + i] = (byte) octets[i];
        }
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return line;
    }

    private static Verdict closed(String instead) {
        return instead == null ? Verdict.met() : Verdict.notMet("expected the server to close the connection, but it "
                + instead);
    }

    private static String describeEnd(String end) {
        return switch (end) {
            case "\n" -> "a bare LF";
            case Wire.Line.SILENCE -> "no line end (taken after silence)";
            case Wire.Line.END_OF_STREAM -> "no line end (the connection closed)";
            default -> "line end " + Show.text(end);
        };
    }
}
