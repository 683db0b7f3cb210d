package io.helo.conformance;

import io.helo.conformance.ClientSession.Behaviour;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The catalogue of client cases, one class per PROTOCOL.md section, each case declared field by field; every case
 * judges one requirement on what the played server recorded of a client. What they share is here.
 */
public final class ClientCases {
    private ClientCases() {
    }

    /** Every client case, in catalogue order: the order they were published in, which {@code --list} keeps. */
    public static List<Case<ClientSession>> all() {
        return List.of(
                ClientAssignmentCases.connects(),
                ClientAssignmentCases.finishes(),
                ClientSessionCases.heloFirst(),
                ClientCommandCases.hostname(),
                ClientTransportCases.crlf(),
                ClientGrammarCases.requestForm(),
                ClientGrammarCases.upperCase(),
                ClientAssignmentCases.everyCommand(),
                ClientAssignmentCases.port8008(),
                ClientSessionCases.byeLast(),
                ClientSessionCases.closesAfterGoodbye(),
                ClientAssignmentCases.exitStatus(),
                ClientAssignmentCases.informationalMessages(),
                ClientErrorCases.busyEndsSession(),
                ClientTransportCases.repliesWithoutLineEnds(),
                ClientTransportCases.repliesWithBareLf(),
                ClientErrorCases.rateLimitedEndsSession(),
                ClientErrorCases.finalLineEndsSession(),
                ClientErrorCases.unknownErrorToken(),
                ClientCommandCases.nonCanonicalIpv6());
    }

    /** A client case of {@code section} (or {@code assignment}) named {@code name}: {@code client/section/name}. */
    static Builder define(String section, String name) {
        return new Builder(section, name);
    }

    /** The end of what the client printed, for a detail: often the reason it failed. */
    static String lastOutput(ClientSession s) {
        List<String> lines = s.output().lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return "; its last output: " + Show.text(String.join("\n", lines.subList(Math.max(0, lines.size() - 3),
                lines.size())));
    }

    /**
     * A client case declared field by field: the fields of {@link Case.Builder}, the behaviours of the played server
     * it is graded under (skipped under the others), and whether it is graded when the client never connected.
     */
    static final class Builder {
        private final Case.Builder<ClientSession> fields;
        private final Set<Behaviour> behaviours = EnumSet.noneOf(Behaviour.class);
        private final Set<String> tags = new LinkedHashSet<>();
        private boolean evenWithoutConnection;
        private Case.Check<ClientSession> check;

        private Builder(String section, String name) {
            fields = new Case.Builder<>("client", section, name);
        }

        /** The RFC 2119 level of the requirement. */
        Builder level(Level value) {
            fields.level(value);
            return this;
        }

        /** The requirement, quoted from PROTOCOL.md (or the assignment). */
        Builder requirement(String value) {
            fields.requirement(value);
            return this;
        }

        /** Tags, such as {@link Case#ASSIGNMENT_PROFILE}. */
        Builder tags(String... values) {
            tags.addAll(List.of(values));
            return this;
        }

        /** The behaviours of the played server the case is graded under. */
        Builder under(Behaviour... values) {
            behaviours.addAll(List.of(values));
            return this;
        }

        /** Graded under every behaviour of the played server. */
        Builder underEveryBehaviour() {
            return under(Behaviour.values());
        }

        /** Graded also when the client never connected (otherwise skipped then). */
        Builder evenWithoutConnection() {
            evenWithoutConnection = true;
            return this;
        }

        /** The check, run on what the played server recorded. */
        Builder check(Case.Check<ClientSession> value) {
            check = value;
            return this;
        }

        /** The case; tagged {@code behave-...} when graded only under behaviours other than the correct one. */
        Case<ClientSession> build() {
            Set<Behaviour> applies = EnumSet.copyOf(behaviours);
            boolean connectionNeeded = !evenWithoutConnection;
            Case.Check<ClientSession> graded = check;
            List<String> all = new ArrayList<>();
            if (applies.size() < Behaviour.values().length && !applies.contains(Behaviour.CORRECT)) {
                applies.forEach(b -> all.add("behave-" + name(b)));
            }
            all.addAll(tags);
            return fields.tags(all.toArray(String[]::new)).check(s -> {
                if (!applies.contains(s.behaviour())) {
                    return Verdict.notApplicable("not with --behave " + name(s.behaviour()));
                }
                if (connectionNeeded && !s.connected()) {
                    return Verdict.notApplicable("the client never connected");
                }
                return graded.run(s);
            }).build();
        }

        private static String name(Behaviour behaviour) {
            return behaviour.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
