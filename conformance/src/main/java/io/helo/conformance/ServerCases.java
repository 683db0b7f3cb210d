package io.helo.conformance;

import io.helo.codec.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of server cases, one class per PROTOCOL.md section in the order of its sections, each case declared
 * field by field; every case opens its own connections and checks one requirement. What they share is here.
 */
public final class ServerCases {
    /** The name the checker gives itself in its HELO. */
    static final String CHECKER = "checker";
    /** The reply to the checker's HELO. */
    static final String GREETING = greeting(CHECKER);
    /** The reply to BYE. */
    static final String GOODBYE = new Response.Goodbye().line();

    private ServerCases() {
    }

    /** Every server case, in catalogue order. */
    public static List<Case<ServerTarget>> all() {
        List<Case<ServerTarget>> cases = new ArrayList<>();
        cases.addAll(ServerTransportCases.all());
        cases.addAll(ServerGrammarCases.all());
        cases.addAll(ServerSessionCases.all());
        cases.addAll(ServerCommandCases.all());
        cases.addAll(ServerErrorCases.all());
        cases.addAll(ServerLimitCases.all());
        cases.addAll(ServerAssignmentCases.all());
        return List.copyOf(cases);
    }

    /** A server case of {@code section} (or {@code assignment}) named {@code name}: {@code server/section/name}. */
    static Case.Builder<ServerTarget> define(String section, String name) {
        return new Case.Builder<>("server", section, name);
    }

    /** The reply to {@code HELO name}. */
    static String greeting(String name) {
        return new Response.Greeting(name).line();
    }

    /** Met if the server closed: {@code instead} is what it did otherwise (null: it closed). */
    static Verdict closed(String instead) {
        return instead == null ? Verdict.met() : Verdict.notMet("expected the server to close the connection, but it "
                + instead);
    }
}
