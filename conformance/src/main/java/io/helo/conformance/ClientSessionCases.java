package io.helo.conformance;

import static io.helo.conformance.ClientCases.define;

import io.helo.conformance.ClientSession.Behaviour;
import java.util.List;

/** PROTOCOL.md 4, Session: HELO first, BYE last, and the close. */
final class ClientSessionCases {
    private ClientSessionCases() {
    }

    static Case<ClientSession> heloFirst() {
        return define("4", "helo-first")
                .level(Level.MUST)
                .requirement("A client MUST send `HELO` before any other command.")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> {
                    if (s.lines().isEmpty()) {
                        return Verdict.notMet("it sent nothing");
                    }
                    return s.commands().get(0).equals("HELO") ? Verdict.met()
                            : Verdict.notMet("its first line was " + Show.text(s.lines().get(0).text()));
                })
                .build();
    }

    static Case<ClientSession> byeLast() {
        return define("4", "bye-last")
                .level(Level.SHOULD)
                .requirement("`BYE` ends the session: after sending the reply to `BYE`, the server closes the"
                        + " connection, and lines the client sent after `BYE` are not answered.")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> {
                    List<String> commands = s.commands();
                    int bye = commands.indexOf("BYE");
                    if (bye < 0) {
                        return Verdict.notMet("it never sent BYE");
                    }
                    return bye == commands.size() - 1 ? Verdict.met()
                            : Verdict.notMet("it sent " + Show.text(s.lines().get(bye + 1).text()) + " after BYE");
                })
                .build();
    }

    static Case<ClientSession> closesAfterGoodbye() {
        return define("4", "closes-after-goodbye")
                .level(Level.SHOULD)
                .requirement("A client SHOULD close its side once it has read the last line.")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> s.closedAfterLastLine() ? Verdict.met()
                        : Verdict.notMet(s.unansweredAtClose() > 0 ? "it closed before reading the replies: "
                        + s.unansweredAtClose() + " of its requests were still unanswered"
                        : s.commands().contains("BYE") ? "it kept the connection open after the goodbye"
                        : "it never sent BYE"))
                .build();
    }
}
