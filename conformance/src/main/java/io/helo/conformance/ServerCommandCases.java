package io.helo.conformance;

import static io.helo.conformance.ServerCases.GOODBYE;
import static io.helo.conformance.ServerCases.define;

import io.helo.codec.ErrorReason;
import io.helo.codec.IpLiterals;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** PROTOCOL.md 5, Commands: each command's reply (5.1 HELO to 5.6 BYE). */
final class ServerCommandCases {
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final long CLOCK_TOLERANCE_SECONDS = 5;
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** How long {@code time-advances} waits at most between two REQTIME: just over the second they must differ by. */
    private static final Duration TIME_STEP = Duration.ofMillis(1100);
    /** How long after the checker's clock begins a second {@code time-advances} asks for the time again. */
    private static final Duration SECOND_MARGIN = Duration.ofMillis(50);
    /** The longest host name, in octets (PROTOCOL.md 5.1: the longest DNS name). */
    private static final int LONGEST_HOSTNAME = 255;

    private ServerCommandCases() {
    }

    /** The cases, in catalogue order. */
    static List<Case<ServerTarget>> all() {
        return List.of(
                greeting(),
                greetingUtf8(),
                greetingVerbatim(),
                hostNameRule("hostname-one-word", "HELO two words\r\n", "HELO with two words (one word is allowed)"),
                hostNameRule("hostname-length", "HELO " + "h".repeat(LONGEST_HOSTNAME + 1) + "\r\n",
                        "a 256-octet name (255 at most)"),
                hostNameRule("hostname-invisible", "HELO pc\u200Bname\r\n", "a name with U+200B, an invisible format"
                        + " character"),
                timeFormat(),
                timeNow(),
                timeAdvances(),
                dateFormat(),
                dateToday(),
                echo(),
                echoVerbatim(),
                echoWhitespace(),
                echoEmpty(),
                echoWithoutSpace(),
                reqip(),
                reqipIpv6(),
                goodbye());
    }

    private static Case<ServerTarget> greeting() {
        return define("5.1", "greeting")
                .level(Level.MUST)
                .requirement("`HELO <hostname>` introduces the client. Reply: `Hello <hostname>, pleased to meet"
                        + " you.`")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.text(w.send("HELO mycomputer\r\n").read(), ServerCases.greeting("mycomputer"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> greetingUtf8() {
        return define("5.1", "greeting-utf8")
                .level(Level.MUST)
                .requirement("It MUST be one word of at most 255 octets of UTF-8, made of printable ASCII other"
                        + " than the space, and beyond ASCII of letters, marks, numbers, punctuation and symbols.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.text(w.send("HELO café-zürich\r\n").read(), ServerCases.greeting("café-zürich"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> greetingVerbatim() {
        return define("5.1", "greeting-verbatim")
                .level(Level.MUST)
                .requirement("`HELO <hostname>` introduces the client. Reply: `Hello <hostname>, pleased to meet"
                        + " you.` (the name as sent, upper case included)")
                .check(t -> {
                    try (Wire w = t.open()) {
                        return Expect.text(w.send("HELO MyPC-Lab2\r\n").read(), ServerCases.greeting("MyPC-Lab2"));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> timeFormat() {
        return define("5.2", "time-format")
                .level(Level.MUST)
                .requirement("The server's current time of day in its own time zone, as ISO 8601 `hh:mm:ss`,"
                        + " 24-hour, seconds truncated.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.matches(w.send("REQTIME\r\n").read(), TIME, "hh:mm:ss, e.g. \"09:05:03\"");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> timeNow() {
        return define("5.2", "time-now")
                .level(Level.MUST)
                .requirement("The server's current time of day in its own time zone.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        Wire.Line line = w.send("REQTIME\r\n").read();
                        if (line == null || !TIME.matcher(line.text()).matches()) {
                            return Verdict.notApplicable("no hh:mm:ss reply to compare (see server/5.2/time-format)");
                        }
                        return nearNow(LocalTime.parse(line.text()), t);
                    }
                })
                .build();
    }

    private static Case<ServerTarget> timeAdvances() {
        return define("5.2", "time-advances")
                .level(Level.MUST)
                .requirement("The server's current time of day: read at each request, not once (two REQTIME a"
                        + " second apart differ by that second).")
                .check(ServerCommandCases::advancing)
                .build();
    }

    private static Case<ServerTarget> dateFormat() {
        return define("5.3", "date-format")
                .level(Level.MUST)
                .requirement("The server's current date in its own time zone, as ISO 8601 `YYYY-MM-DD`.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        Wire.Line line = w.send("REQDATE\r\n").read();
                        Verdict shape = Expect.matches(line, DATE, "YYYY-MM-DD, e.g. \"2014-01-29\"");
                        return shape.kind() == Verdict.Kind.MET && !isDate(line.text())
                                ? Verdict.notMet("expected a day of the calendar as YYYY-MM-DD, but got " + line.shown())
                                : shape;
                    }
                })
                .build();
    }

    private static Case<ServerTarget> dateToday() {
        return define("5.3", "date-today")
                .level(Level.MUST)
                .requirement("The server's current date in its own time zone.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        Wire.Line line = w.send("REQDATE\r\n").read();
                        if (line == null || !isDate(line.text())) {
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
                })
                .build();
    }

    /** True if {@code text} is {@code YYYY-MM-DD} and names a day the calendar has ({@code 2014-02-30} does not). */
    private static boolean isDate(String text) {
        if (!DATE.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDate.parse(text); // ISO 8601, strict: no 30 February, no month 13
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Case<ServerTarget> echo() {
        return define("5.4", "echo")
                .level(Level.MUST)
                .requirement("`ECHO <text>` returns `<text>` verbatim.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO this is some random text.\r\n").read(),
                                "this is some random text.");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> echoVerbatim() {
        return define("5.4", "echo-verbatim")
                .level(Level.MUST)
                .requirement("`ECHO <text>` returns `<text>` verbatim (upper case, digits and punctuation as sent).")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO Hello World, 42 TIMES!\r\n").read(), "Hello World, 42 TIMES!");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> echoWhitespace() {
        return define("5.4", "echo-whitespace")
                .level(Level.MUST)
                .requirement("`ECHO <text>` returns `<text>` verbatim: every octet after the single space that"
                        + " follows `ECHO`, up to the line end.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO \t spaced  out\t \r\n").read(), "\t spaced  out\t ");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> echoEmpty() {
        return define("5.4", "echo-empty")
                .level(Level.MUST)
                .requirement("The text MAY be empty (`ECHO ` followed by CRLF gets an empty line back).")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("ECHO \r\n").read(), "");
                    }
                })
                .build();
    }

    private static Case<ServerTarget> echoWithoutSpace() {
        return define("5.4", "echo-without-space")
                .level(Level.MUST)
                .requirement("`ECHO` with no space is an error (`bad-argument`).")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.error(w.ask("ECHO\r\n"), ErrorReason.BAD_ARGUMENT);
                    }
                })
                .build();
    }

    private static Case<ServerTarget> reqip() {
        return define("5.5", "reqip")
                .level(Level.MUST)
                .requirement("The IP address the client connects from, as the server sees it: IPv4 dotted decimal"
                        + " without leading zeros; an IPv4-mapped IPv6 address is given as plain IPv4.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("REQIP\r\n").read(), IpLiterals.format(w.localAddress()));
                    }
                })
                .build();
    }

    private static Case<ServerTarget> reqipIpv6() {
        return define("5.5", "reqip-ipv6")
                .level(Level.MUST)
                .requirement("IPv6: the RFC 5952 text form: lower case, leading zeros dropped, the longest run of"
                        + " two or more zero groups replaced by `::`. No zone.")
                .tags("ipv6")
                .check(ServerCommandCases::reqIpOverIpv6)
                .build();
    }

    private static Case<ServerTarget> goodbye() {
        return define("5.6", "goodbye")
                .level(Level.MUST)
                .requirement("The server replies `See ya later` and then closes the connection.")
                .check(t -> {
                    try (Wire w = t.greeted()) {
                        return Expect.text(w.send("BYE\r\n").read(), GOODBYE);
                    }
                })
                .build();
    }

    /** A case of the host name rules: {@code request}, a HELO with a name that breaks them ({@code what}). */
    private static Case<ServerTarget> hostNameRule(String name, String request, String what) {
        return define("5.1", name)
                .level(Level.MUST)
                .requirement("It MUST be one word of at most 255 octets of UTF-8 (the longest DNS name) [...]."
                        + " Separators (such as U+00A0, U+2028, U+3000), format characters (U+200B, U+202E ...)"
                        + " [...] are not allowed [...]. A name breaking these rules gets `ERR bad-argument`.")
                .check(t -> {
                    try (Wire w = t.open()) {
                        Verdict verdict = Expect.error(w.send(request).read(), ErrorReason.BAD_ARGUMENT);
                        return verdict.kind() == Verdict.Kind.MET ? verdict
                                : Verdict.notMet(verdict.detail() + " (" + what + ")");
                    }
                })
                .build();
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

    /** How long until just after the checker's clock has begun its next second. */
    private static Duration untilNextSecond() {
        return Duration.ofNanos(1_000_000_000L - Instant.now().getNano()).plus(SECOND_MARGIN);
    }

    /**
     * REQTIME, then again in the checker's next second, and if need be a little over a second after the first reply:
     * a clock read once (at start-up, per connection) answers the same.
     */
    private static Verdict advancing(ServerTarget t) throws IOException, InterruptedException {
        try (Wire w = t.greeted()) {
            long sent = System.nanoTime();
            Wire.Line first = w.send("REQTIME\r\n").read();
            if (first == null || !TIME.matcher(first.text()).matches()) {
                return Verdict.notApplicable("no hh:mm:ss reply to compare (see server/5.2/time-format)");
            }
            long answered = System.nanoTime();
            // a server on this machine reads the checker's clock: once the checker's next second has begun, its
            // reply (seconds truncated) is later; one whose clock is not in step gets over a second from the first
            Thread.sleep(untilNextSecond().toMillis());
            Wire.Line second = w.send("REQTIME\r\n").read();
            if (second != null && second.text().equals(first.text())) {
                long left = TIME_STEP.toMillis() - (System.nanoTime() - answered) / 1_000_000;
                Thread.sleep(Math.max(0, left));
                second = w.send("REQTIME\r\n").read();
            }
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
}
