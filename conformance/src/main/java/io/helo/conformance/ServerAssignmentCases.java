package io.helo.conformance;

import static io.helo.conformance.ServerCases.define;

import io.helo.codec.HeloProtocol;
import java.util.List;

/** The assignment's own requirements of a server (checked only under {@code --profile assignment}). */
final class ServerAssignmentCases {
    private ServerAssignmentCases() {
    }

    /** The cases, in catalogue order. */
    static List<Case<ServerTarget>> all() {
        return List.of(
                port8008(),
                noArguments(),
                informationalMessages());
    }

    private static Case<ServerTarget> port8008() {
        return define("assignment", "port-8008")
                .level(Level.MUST)
                .requirement("You will write a server application that listens on TCP port 8008.")
                .tags(Case.ASSIGNMENT_PROFILE)
                .check(t -> t.port() == HeloProtocol.DEFAULT_PORT ? Verdict.met()
                        : Verdict.notApplicable("checked on port " + t.port() + ": run on " + HeloProtocol.DEFAULT_PORT
                                + " to grade this"))
                .build();
    }

    private static Case<ServerTarget> noArguments() {
        return define("assignment", "no-arguments")
                .level(Level.MUST)
                .requirement("The server can run in the foreground and should take no arguments.")
                .tags(Case.ASSIGNMENT_PROFILE)
                .check(t -> {
                    if (t.command().isEmpty()) {
                        return Verdict.notApplicable("the server was already running: start it with -- COMMAND");
                    }
                    List<String> arguments = argumentsOf(t.command());
                    return arguments.isEmpty() ? Verdict.met()
                            : Verdict.notMet("it was started with arguments " + String.join(" ", arguments));
                })
                .build();
    }

    private static Case<ServerTarget> informationalMessages() {
        return define("assignment", "informational-messages")
                .level(Level.MUST)
                .requirement("It should print informational messages to the screen as the client connects.")
                .tags(Case.ASSIGNMENT_PROFILE)
                .check(t -> {
                    if (t.printed() == null) {
                        return Verdict.notApplicable("the server was already running: start it with -- COMMAND");
                    }
                    return t.printed().get().isBlank() ? Verdict.notMet("it printed nothing while the checker's"
                            + " clients connected") : Verdict.met();
                })
                .build();
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
}
