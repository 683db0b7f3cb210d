package io.helo.conformance;

import static io.helo.conformance.ClientCases.define;

import io.helo.codec.Command;
import io.helo.codec.InvalidRequest;
import io.helo.codec.RequestParser;
import io.helo.conformance.ClientSession.Behaviour;
import java.util.Locale;

/** PROTOCOL.md 3, Grammar: the requests a client sends. */
final class ClientGrammarCases {
    private ClientGrammarCases() {
    }

    static Case<ClientSession> requestForm() {
        return define("3", "request-form")
                .level(Level.MUST)
                .requirement("request = ( helo / reqtime / reqdate / echo / reqip / bye ) line-end")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> {
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
                })
                .build();
    }

    static Case<ClientSession> upperCase() {
        return define("3", "upper-case")
                .level(Level.SHOULD)
                .requirement("Command names are case-insensitive; clients SHOULD send them in upper case.")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> {
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
                })
                .build();
    }
}
