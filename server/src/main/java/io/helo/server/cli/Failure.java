package io.helo.server.cli;

import io.helo.server.Program;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.util.Locale;

/** Why the command line stops before serving: the line to print, and the exit status. */
final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A failure that prints {@code message} and exits with {@code status}. */
    Failure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** Something wrong with the command line: exit status 2, and where to read more. */
    static Failure usage(String message) {
        return new Failure(2, Program.NAME + ": " + message + System.lineSeparator() + "Try '" + Program.NAME
                + " --help' for more information.");
    }

    /** Prints the failure and returns its exit status. */
    int report(PrintStream err) {
        err.println(getMessage());
        return status;
    }

    /** The root cause in a few words: MINA wraps the socket's BindException in an IOException of its own. */
    static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof BindException && message.toLowerCase(Locale.ROOT).contains("in use")) {
            return "address already in use";
        }
        return message;
    }
}
