package io.helo.conformance;

import static io.helo.conformance.ClientCases.define;
import static io.helo.conformance.ClientCases.lastOutput;

import io.helo.codec.LineEnd;
import io.helo.conformance.ClientSession.Behaviour;

/** PROTOCOL.md 2, Transport, and 2.1, Peers that send no line ends: how a client ends lines, what replies it takes. */
final class ClientTransportCases {
    private ClientTransportCases() {
    }

    static Case<ClientSession> crlf() {
        return define("2", "crlf")
                .level(Level.MUST)
                .requirement("Senders MUST end every line with CRLF.")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> {
                    for (ClientSession.SentLine line : s.lines()) {
                        if (line.end() != LineEnd.CRLF) {
                            return Verdict.notMet(Show.text(line.text()) + " ended with " + describe(line.end()));
                        }
                    }
                    return s.lines().isEmpty()
                            ? Verdict.notApplicable("it sent no line to judge (see client/4/helo-first)")
                            : Verdict.met();
                })
                .build();
    }

    static Case<ClientSession> repliesWithoutLineEnds() {
        return define("2.1", "replies-without-line-ends")
                .level(Level.SHOULD)
                .requirement("A client SHOULD, like a server, take bytes without a line end as a complete line once"
                        + " nothing more has arrived for a quiet period.")
                .under(Behaviour.NO_LINE_ENDS)
                .check(s -> {
                    return s.commands().contains("BYE") && s.exited() ? Verdict.met()
                            : Verdict.notMet("it did not finish its session with replies that have no line end: sent "
                                    + String.join(", ", s.commands()));
                })
                .build();
    }

    static Case<ClientSession> repliesWithBareLf() {
        return define("2.1", "replies-with-bare-lf")
                .level(Level.MUST)
                .requirement("A client MUST accept replies ending in a bare LF.")
                .under(Behaviour.BARE_LF)
                .check(s -> s.commands().contains("BYE") && s.exited() ? Verdict.met()
                        : Verdict.notMet("it did not finish its session with replies that end in a bare LF: sent "
                        + String.join(", ", s.commands()) + (s.exited() ? "" : "; still running, stopped")
                        + lastOutput(s)))
                .build();
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
