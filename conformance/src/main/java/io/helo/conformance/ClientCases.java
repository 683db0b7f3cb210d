package io.helo.conformance;

import io.helo.codec.InvalidRequest;
import io.helo.codec.LineEnd;
import io.helo.codec.RequestParser;
import io.helo.conformance.ClientSession.Behaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The catalogue of client cases: each judges one requirement on what the played server recorded of a client. */
public final class ClientCases {
    private static final List<String> EVERY_COMMAND = List.of("HELO", "REQTIME", "REQDATE", "ECHO", "REQIP", "BYE");
    private static final String FINAL_LINE = "The server may end a session on its own: a client MUST take such a line"
            + " as the end of the session, whatever requests it still awaits replies to.";
    /** What Python and the JVM print when a program dies of an exception nobody caught. */
    private static final List<String> CRASHES = List.of("Traceback (most recent call last)", "Exception in thread");

    private final List<Case<ClientSession>> cases = new ArrayList<>();

    private ClientCases() {
        add("connects", "assignment", Level.MUST, "You will also write a corresponding client application that connects"
                + " to this port to run the commands that the server implements.", s -> s.connected() ? Verdict.met()
                        : Verdict.notMet("no connection to port " + s.port() + " while it ran" + lastOutput(s)), true,
                Behaviour.values());
        add("finishes", "assignment", Level.MUST, "The client should also run in foreground and take no arguments; it is"
                + " NOT interactive and should not prompt the user for input (run with its input closed, it must end"
                + " by itself).", s -> s.exited() ? Verdict.met()
                        : Verdict.notMet("still running after " + s.millis() / 1000 + " s: stopped" + lastOutput(s)),
                true, Behaviour.CORRECT, Behaviour.SLOW);
        add("helo-first", "4", Level.MUST, "A client MUST send `HELO` before any other command.", s -> {
            if (s.lines().isEmpty()) {
                return Verdict.notMet("it sent nothing");
            }
            return s.commands().get(0).equals("HELO") ? Verdict.met()
                    : Verdict.notMet("its first line was " + Show.text(s.lines().get(0).text()));
        }, false, Behaviour.CORRECT, Behaviour.SLOW);
        add("hostname", "5.1", Level.SHOULD, "`<hostname>` SHOULD be the client's host name.", ClientCases::hostname,
                false, Behaviour.CORRECT, Behaviour.SLOW);
        add("crlf", "2", Level.MUST, "Senders MUST end every line with CRLF.", s -> {
            for (ClientSession.SentLine line : s.lines()) {
                if (line.end() != LineEnd.CRLF) {
                    return Verdict.notMet(Show.text(line.text()) + " ended with " + describe(line.end()));
                }
            }
            return s.lines().isEmpty() ? Verdict.notApplicable("it sent no line to judge (see client/4/helo-first)")
                    : Verdict.met();
        }, false, Behaviour.CORRECT, Behaviour.SLOW);
        add("request-form", "3", Level.MUST, "request = ( helo / reqtime / reqdate / echo / reqip / bye ) line-end",
                s -> {
                    if (s.lines().isEmpty()) {
                        return Verdict.notApplicable("it sent no line to judge (see client/4/helo-first)");
                    }
                    for (ClientSession.SentLine line : s.lines()) {
                        if (RequestParser.parse(line.text()) instanceof InvalidRequest invalid) {
                            return Verdict.notMet(Show.text(line.text()) + " is not a request: "
                                    + invalid.reply().line());
                        }
                    }
                    return Verdict.met();
                }, false, Behaviour.CORRECT, Behaviour.SLOW);
        add("upper-case", "3", Level.SHOULD, "Command names are case-insensitive; clients SHOULD send them in upper"
                + " case.", s -> {
                    if (s.lines().isEmpty()) {
                        return Verdict.notApplicable("it sent no line to judge (see client/4/helo-first)");
                    }
                    for (ClientSession.SentLine line : s.lines()) {
                        String word = line.text().split(" ", 2)[0];
                        if (!word.equals(word.toUpperCase(Locale.ROOT))) {
                            return Verdict.notMet("it sent " + Show.text(line.text()));
                        }
                    }
                    return Verdict.met();
                }, false, Behaviour.CORRECT, Behaviour.SLOW);
        add("every-command", "assignment", Level.MUST, "Your client should run each command the server implements at"
                + " least once.", s -> {
                    List<String> missing = EVERY_COMMAND.stream().filter(c -> !s.commands().contains(c)).toList();
                    return missing.isEmpty() ? Verdict.met() : Verdict.notMet("never sent " + String.join(", ", missing));
                }, false, Behaviour.CORRECT, Behaviour.SLOW);
        add("port-8008", "assignment", Level.MUST, "The server name and port number are in the client code: it"
                + " connects to port 8008.", s -> s.port() == 8008 ? Verdict.met()
                        : Verdict.notApplicable("the checker listened on port " + s.port() + ", not 8008"), false,
                Behaviour.CORRECT);
        add("bye-last", "4", Level.SHOULD, "`BYE` ends the session: after sending the reply to `BYE`, the server closes"
                + " the connection, and lines the client sent after `BYE` are not answered.", s -> {
                    List<String> commands = s.commands();
                    int bye = commands.indexOf("BYE");
                    if (bye < 0) {
                        return Verdict.notMet("it never sent BYE");
                    }
                    return bye == commands.size() - 1 ? Verdict.met()
                            : Verdict.notMet("it sent " + Show.text(s.lines().get(bye + 1).text()) + " after BYE");
                }, false, Behaviour.CORRECT, Behaviour.SLOW);
        add("closes-after-goodbye", "4", Level.SHOULD, "A client SHOULD close its side once it has read the last"
                + " line.", s -> s.closedAfterLastLine() ? Verdict.met()
                        : Verdict.notMet(s.unansweredAtClose() > 0 ? "it closed before reading the replies: "
                                + s.unansweredAtClose() + " of its requests were still unanswered"
                                : s.commands().contains("BYE") ? "it kept the connection open after the goodbye"
                                : "it never sent BYE"), false, Behaviour.CORRECT, Behaviour.SLOW);
        add("exit-status", "assignment", Level.MUST, "A client that ran its session without error ends with exit"
                + " status 0.", s -> !s.exited() ? Verdict.notApplicable("it did not end by itself")
                        : s.exitStatus() == 0 ? Verdict.met()
                                : Verdict.notMet("exit status " + s.exitStatus() + lastOutput(s)), false,
                Behaviour.CORRECT, Behaviour.SLOW);
        add("informational-messages", "assignment", Level.MUST, "The client should print informational messages as"
                + " it runs different commands over the TCP connection.", s -> s.output().isBlank()
                        ? Verdict.notMet("it printed nothing") : Verdict.met(), false, Behaviour.CORRECT,
                Behaviour.SLOW);
        add("busy-ends-session", "6", Level.MUST, FINAL_LINE, s -> refusedAtOnce(s, "ERR busy ..."), false,
                Behaviour.BUSY);
        add("replies-without-line-ends", "2.1", Level.SHOULD, "A client SHOULD, like a server, take bytes without a line"
                + " end as a complete line once nothing more has arrived for a quiet period.", s -> {
                    return s.commands().contains("BYE") && s.exited() ? Verdict.met()
                            : Verdict.notMet("it did not finish its session with replies that have no line end: sent "
                                    + String.join(", ", s.commands()));
                }, false, Behaviour.NO_LINE_ENDS);
        add("replies-with-bare-lf", "2.1", Level.MUST, "A client MUST accept replies ending in a bare LF.",
                s -> s.commands().contains("BYE") && s.exited() ? Verdict.met()
                        : Verdict.notMet("it did not finish its session with replies that end in a bare LF: sent "
                                + String.join(", ", s.commands()) + (s.exited() ? "" : "; still running, stopped")
                                + lastOutput(s)), false, Behaviour.BARE_LF);
        add("rate-limited-ends-session", "6", Level.MUST, FINAL_LINE, s -> refusedAtOnce(s, "ERR rate-limited ..."),
                false, Behaviour.RATE_LIMITED);
        add("final-line-ends-session", "6", Level.MUST, FINAL_LINE, ClientCases::endedMidSession, false,
                Behaviour.SHUTTING_DOWN);
        add("unknown-error-token", "6", Level.MUST, "Clients MUST accept reason tokens they do not know (later"
                + " versions may add some) and treat them as errors.", ClientCases::unknownToken, false,
                Behaviour.UNKNOWN_ERROR);
        add("non-canonical-ipv6", "5.5", Level.SHOULD, "A client SHOULD accept any valid IPv6 text form (RFC 4291"
                + " section 2.2), such as `0:0:0:0:0:0:0:1`, and SHOULD NOT fail a session for it.",
                ClientCases::nonCanonicalAddress, false, Behaviour.NON_CANONICAL_IPV6);
    }

    /** A client whose session was refused at once with {@code line}: it sends nothing more, closes and ends. */
    private static Verdict refusedAtOnce(ClientSession s, String line) {
        // its first request may cross the refusal on the wire; going on after it may not
        if (s.lines().size() > 1) {
            return Verdict.notMet("it went on after \"" + line + "\": sent " + Show.text(String.join("\n",
                    s.lines().stream().map(ClientSession.SentLine::text).toList())));
        }
        if (!s.closedAfterLastLine()) {
            return Verdict.notMet("it kept the connection open after \"" + line + "\"");
        }
        return s.exited() ? Verdict.met() : Verdict.notMet("it did not end after \"" + line + "\"");
    }

    /**
     * A client whose request was answered with {@code ERR shutting-down}, a final line: it sends nothing more, closes
     * and ends. The played server answers only once the client has paused, so a line that arrives after the final
     * line was sent was written after the client had waited for it.
     */
    private static Verdict endedMidSession(ClientSession s) {
        String line = "\"ERR shutting-down ...\"";
        if (s.sentBeforeMisbehaviour() < 0) {
            return Verdict.notApplicable("it sent no request after its greeting for " + line + " to answer");
        }
        List<ClientSession.SentLine> after = s.lines().subList(s.sentBeforeMisbehaviour(), s.lines().size());
        if (!after.isEmpty()) {
            return Verdict.notMet("it went on after " + line + ": sent " + Show.text(String.join("\n",
                    after.stream().map(ClientSession.SentLine::text).toList())));
        }
        if (!s.closedAfterLastLine()) {
            return Verdict.notMet("it kept the connection open after " + line);
        }
        return s.exited() ? Verdict.met() : Verdict.notMet("it did not end after " + line);
    }

    /**
     * A client answered once with an error token it cannot know: it may go on or give up (an error is an error), but
     * it ends by itself and does not crash on it.
     */
    private static Verdict unknownToken(ClientSession s) {
        String line = "\"ERR not-yet-defined ...\"";
        if (s.sentBeforeMisbehaviour() < 0) {
            return Verdict.notApplicable("it sent no request after its greeting for " + line + " to answer");
        }
        if (!s.exited()) {
            return Verdict.notMet("it did not end by itself after the reply " + line + ": stopped" + lastOutput(s));
        }
        if (CRASHES.stream().anyMatch(s.output()::contains)) {
            return Verdict.notMet("it crashed on the reply " + line + lastOutput(s));
        }
        return Verdict.met();
    }

    /** A client answered REQIP with {@code 0:0:0:0:0:0:0:1}: it finishes its session and exits with status 0. */
    private static Verdict nonCanonicalAddress(ClientSession s) {
        if (!s.commands().contains("REQIP")) {
            return Verdict.notApplicable("it never sent REQIP");
        }
        String line = "\"" + PlayedServer.NON_CANONICAL_LOOPBACK + "\"";
        if (!s.exited()) {
            return Verdict.notMet("it did not end by itself after REQIP was answered " + line + ": stopped"
                    + lastOutput(s));
        }
        if (s.commands().indexOf("BYE") < s.commands().indexOf("REQIP")) {
            return Verdict.notMet("it did not finish its session after REQIP was answered " + line + ": sent "
                    + String.join(", ", s.commands()) + lastOutput(s));
        }
        return s.exitStatus() == 0 ? Verdict.met() : Verdict.notMet("it ended with exit status " + s.exitStatus()
                + " after REQIP was answered " + line + lastOutput(s));
    }

    /** Every client case, in catalogue order. */
    public static List<Case<ClientSession>> all() {
        return List.copyOf(new ClientCases().cases);
    }

    private void add(String name, String section, Level level, String requirement, Case.Check<ClientSession> check,
            boolean evenWithoutConnection, Behaviour... behaviours) {
        Set<Behaviour> applies = EnumSet.noneOf(Behaviour.class);
        applies.addAll(List.of(behaviours));
        Case.Check<ClientSession> guarded = s -> {
            if (!applies.contains(s.behaviour())) {
                return Verdict.notApplicable("not with --behave " + s.behaviour().name().toLowerCase(Locale.ROOT)
                        .replace('_', '-'));
            }
            if (!evenWithoutConnection && !s.connected()) {
                return Verdict.notApplicable("the client never connected");
            }
            return check.run(s);
        };
        List<String> tags = applies.size() == Behaviour.values().length || applies.contains(Behaviour.CORRECT)
                ? List.of() : applies.stream().map(b -> "behave-" + b.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .toList();
        List<String> all = new ArrayList<>(tags);
        if (name.equals("every-command") || name.equals("port-8008") || name.equals("informational-messages")) {
            all.add(Case.ASSIGNMENT_PROFILE); // the assignment's own requirements, not PROTOCOL.md's
        }
        String id = "client/" + section + "/" + name;
        cases.add(new Case<>(id, section, level, requirement, Hints.of(id), Set.copyOf(all), guarded));
    }

    private static Verdict hostname(ClientSession s) throws UnknownHostException {
        if (s.lines().isEmpty() || !s.commands().get(0).equals("HELO")) {
            return Verdict.notApplicable("no HELO first (see client/4/helo-first)");
        }
        String[] words = s.lines().get(0).text().split(" ", 2);
        String sent = words.length > 1 ? words[1] : "";
        String local = localHostName();
        for (String name : List.of(local, local.split("\\.")[0])) {
            if (sent.equalsIgnoreCase(name)) {
                return Verdict.met();
            }
        }
        return Verdict.notMet("it said " + Show.text(sent) + "; this machine is " + Show.text(local));
    }

    /**
     * This machine's name, as a client asks the system for it: resolved where it can be, the kernel's otherwise (in a
     * sandbox's network, where nothing but the loopback answers).
     */
    private static String localHostName() throws UnknownHostException {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException notLinux) {
                throw e;
            }
        }
    }

    /** The end of what the client printed, for a detail: often the reason it failed. */
    private static String lastOutput(ClientSession s) {
        List<String> lines = s.output().lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return "; its last output: " + Show.text(String.join("\n", lines.subList(Math.max(0, lines.size() - 3),
                lines.size())));
    }

    private static String describe(LineEnd end) {
        return switch (end) {
            case CRLF -> "CRLF";
            case LF -> "a bare LF";
            case SILENCE -> "no line end (taken after silence)";
            case END_OF_STREAM -> "no line end (the connection closed)";
        };
    }
}
