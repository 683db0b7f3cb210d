package io.helo.conformance;

import static io.helo.conformance.ClientCases.define;
import static io.helo.conformance.ClientCases.lastOutput;

import io.helo.codec.Command;
import io.helo.codec.HeloProtocol;
import io.helo.conformance.ClientSession.Behaviour;
import java.util.Arrays;
import java.util.List;

/** The assignment's own requirements of a client: it connects, runs every command, ends by itself. */
final class ClientAssignmentCases {
    /** The protocol's commands, in PROTOCOL.md's order: the assignment asks a client to run each. */
    private static final List<String> EVERY_COMMAND = Arrays.stream(Command.values()).map(Command::name).toList();

    private ClientAssignmentCases() {
    }

    static Case<ClientSession> connects() {
        return define("assignment", "connects")
                .level(Level.MUST)
                .requirement("You will also write a corresponding client application that connects to this port to"
                        + " run the commands that the server implements.")
                .underEveryBehaviour()
                .evenWithoutConnection()
                .check(s -> s.connected() ? Verdict.met()
                        : Verdict.notMet("no connection to port " + s.port() + " while it ran" + lastOutput(s)))
                .build();
    }

    static Case<ClientSession> finishes() {
        return define("assignment", "finishes")
                .level(Level.MUST)
                .requirement("The client should also run in foreground and take no arguments; it is NOT interactive"
                        + " and should not prompt the user for input (run with its input closed, it must end by"
                        + " itself).")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .evenWithoutConnection()
                .check(s -> s.exited() ? Verdict.met()
                        : Verdict.notMet("still running after " + s.millis() / 1000 + " s: stopped" + lastOutput(s)))
                .build();
    }

    static Case<ClientSession> everyCommand() {
        return define("assignment", "every-command")
                .level(Level.MUST)
                .requirement("Your client should run each command the server implements at least once.")
                .tags(Case.ASSIGNMENT_PROFILE)
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> {
                    List<String> missing = EVERY_COMMAND.stream().filter(c -> !s.commands().contains(c)).toList();
                    return missing.isEmpty() ? Verdict.met()
                            : Verdict.notMet("never sent " + String.join(", ", missing));
                })
                .build();
    }

    static Case<ClientSession> port8008() {
        return define("assignment", "port-8008")
                .level(Level.MUST)
                .requirement("The server name and port number are in the client code: it connects to port 8008.")
                .tags(Case.ASSIGNMENT_PROFILE)
                .under(Behaviour.CORRECT)
                .check(s -> s.port() == HeloProtocol.DEFAULT_PORT ? Verdict.met()
                        : Verdict.notApplicable("the checker listened on port " + s.port() + ", not "
                                + HeloProtocol.DEFAULT_PORT))
                .build();
    }

    static Case<ClientSession> exitStatus() {
        return define("assignment", "exit-status")
                .level(Level.MUST)
                .requirement("A client that ran its session without error ends with exit status 0.")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> !s.exited() ? Verdict.notApplicable("it did not end by itself")
                        : s.exitStatus() == 0 ? Verdict.met()
                                : Verdict.notMet("exit status " + s.exitStatus() + lastOutput(s)))
                .build();
    }

    static Case<ClientSession> informationalMessages() {
        return define("assignment", "informational-messages")
                .level(Level.MUST)
                .requirement("The client should print informational messages as it runs different commands over the"
                        + " TCP connection.")
                .tags(Case.ASSIGNMENT_PROFILE)
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(s -> s.output().isBlank()
                        ? Verdict.notMet("it printed nothing") : Verdict.met())
                .build();
    }
}
