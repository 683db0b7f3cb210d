package io.helo.server.cli;

import java.util.List;
import picocli.CommandLine;

/** For tests outside this package: whether the server's command line accepts some options, without running it. */
public final class ServerMainProbe {
    private ServerMainProbe() {
    }

    /** True if every option in {@code args} is one the server has, with a value of the right type. */
    public static boolean acceptedOptions(List<String> args) {
        try {
            ServerMain.commandLine(System.out, System.err).parseArgs(args.toArray(String[]::new));
            return true;
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }
}
