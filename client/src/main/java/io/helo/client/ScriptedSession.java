package io.helo.client;

import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.SocketAddresses;
import java.io.PrintStream;
import java.time.Duration;

/** The client's fixed script: every command once, each reply checked against the specification. */
final class ScriptedSession {
    /** The text the client asks the server to echo. */
    static final String ECHO_TEXT = "this is some random text.";

    private final String host;
    private final int port;
    private final Duration timeout;
    private final String hostname;
    private final PrintStream out;
    private final HeloConnection.ReplyLimits limits;

    ScriptedSession(String host, int port, Duration timeout, HeloConnection.ReplyLimits limits, String hostname,
            PrintStream out) {
        this.limits = limits;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.hostname = hostname;
        this.out = out;
    }

    /** Runs HELO, REQTIME, REQDATE, ECHO, REQIP and BYE, printing each step; throws on the first failure. */
    void run() throws ClientFailure {
        out.printf("Connecting to %s:%d ...%n", host, port);
        try (HeloConnection connection = HeloConnection.open(host, port, timeout, limits)) {
            out.printf("Connected to %s from %s%n", SocketAddresses.format(connection.remoteAddress()),
                    SocketAddresses.format(connection.localAddress()));

            Response.Greeting greeting = expect(connection, new Request.Helo(hostname), Response.Greeting.class);
            if (!greeting.hostname().equals(hostname)) {
                throw new ClientFailure("the server greeted " + greeting.hostname() + " instead of " + hostname);
            }
            out.printf("  The server greeted us as %s.%n", greeting.hostname());

            Response.Time time = expect(connection, new Request.ReqTime(), Response.Time.class);
            out.printf("  The server's time is %s.%n", time.line());

            Response.Date date = expect(connection, new Request.ReqDate(), Response.Date.class);
            out.printf("  The server's date is %s.%n", date.line());

            expect(connection, new Request.Echo(ECHO_TEXT), Response.Echo.class);
            out.println("  The server echoed our text unchanged.");

            Response.Address address = expect(connection, new Request.ReqIp(), Response.Address.class);
            out.printf("  The server sees us at %s.%n", address.address());

            expect(connection, new Request.Bye(), Response.Goodbye.class);
            out.println("  The server said goodbye.");
            if (!connection.awaitServerClose()) {
                throw new ClientFailure("the server did not close the connection after BYE");
            }
            out.println("The server closed the connection. All 6 commands succeeded.");
        }
    }

    private <T extends Response> T expect(HeloConnection connection, Request request, Class<T> type)
            throws ClientFailure {
        out.println("> " + request.line());
        Response reply = connection.exchange(request);
        out.println("< " + reply.line());
        if (reply instanceof Response.Error) {
            throw new ClientFailure("the server refused " + request.command() + ": " + reply.line());
        }
        if (!type.isInstance(reply)) {
            throw new ClientFailure("unexpected reply to " + request.command() + ": " + reply.line());
        }
        return type.cast(reply);
    }
}
