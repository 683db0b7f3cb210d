package io.helo.server;

/** The name the server goes by in what it prints: {@code helo-server} when installed, {@code server} from the jar. */
public final class Program {
    /** The launcher's {@code -Dhelo.server.program}, else {@code server}. */
    public static final String NAME = System.getProperty("helo.server.program", "server");

    private Program() {
    }
}
