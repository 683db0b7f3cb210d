package io.helo.client;

import io.helo.codec.ClosingNotice;
import io.helo.codec.ErrorReason;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.SafeText;
import io.helo.codec.SocketAddresses;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

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
    private final ClientTls tls;

    /** A session with {@code host}:{@code port}; over TLS if {@code tls} is not null. */
    ScriptedSession(String host, int port, Duration timeout, HeloConnection.ReplyLimits limits, String hostname,
            ClientTls tls, PrintStream out) {
        this.limits = limits;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.hostname = hostname;
        this.out = out;
    }

    /** Runs HELO, REQTIME, REQDATE, ECHO, REQIP and BYE, printing each step; throws on the first failure. */
    void run() throws ClientFailure {
        out.printf("Connecting to %s ...%n", endpoint(host, port));
        ClientTlsFilter filter = tls == null ? null : tls.filter(host, port);
        try (HeloConnection connection =
                HeloConnection.open(new InetSocketAddress(host, port), timeout, limits, filter)) {
            out.printf("Connected to %s from %s%n", SocketAddresses.format(connection.remoteAddress()),
                    SocketAddresses.format(connection.localAddress()));
            SSLSession secured = connection.awaitHandshake();
            if (secured != null) {
                out.printf("TLS: %s, %s, server certificate %s (verified for %s)%n", secured.getProtocol(),
                        secured.getCipherSuite(), subject(secured), host);
            }

            Response.Greeting greeting = expect(connection, new Request.Helo(hostname), Response.Greeting.class);
            if (!greeting.hostname().equals(hostname)) {
                throw new ClientFailure("the server greeted " + greeting.hostname() + " instead of " + hostname);
            }
            out.printf("  The server greeted us as %s.%n", greeting.hostname());

            Response.CurrentTime time = expect(connection, new Request.ReqTime(), Response.CurrentTime.class);
            out.printf("  The server's time is %s.%n", time.line());

            Response.CurrentDate date = expect(connection, new Request.ReqDate(), Response.CurrentDate.class);
            out.printf("  The server's date is %s.%n", date.line());

            expect(connection, new Request.Echo(ECHO_TEXT), Response.Echo.class);
            out.println("  The server echoed our text unchanged.");

            Response.Address address = expect(connection, new Request.ReqIp(), Response.Address.class);
            out.printf("  The server sees us at %s.%n", address.address());
            if (!address.isCanonical()) {
                out.println("  (Not the form PROTOCOL.md asks servers to send, RFC 5952's; accepted all the same.)");
            }

            expect(connection, new Request.Bye(), Response.Goodbye.class);
            out.println("  The server said goodbye.");
            if (!connection.awaitServerClose()) {
                throw new ClientFailure("the server did not close the connection after BYE");
            }
            out.println("The server closed the connection. All 6 commands succeeded.");
        }
    }

    /** {@code host:port}, with an IPv6 literal in brackets. */
    static String endpoint(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The subject of the server's own certificate, the first of its chain. */
    private static String subject(SSLSession secured) {
        try {
            Certificate[] chain = secured.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate certificate
                    ? SafeText.escape(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253))
                    : "(none)";
        } catch (SSLPeerUnverifiedException e) {
            return "(none)"; // cannot be: the handshake verified it
        }
    }

    private <T extends Response> T expect(HeloConnection connection, Request request, Class<T> type)
            throws ClientFailure {
        out.println("> " + request.line());
        Response reply;
        try {
            reply = connection.exchange(request);
        } catch (HeloConnection.SessionEnded ended) {
            throw new ClientFailure(describe(ended, request));
        }
        out.println("< " + reply.line());
        if (reply instanceof Response.ErrorReply) {
            throw new ClientFailure("the server refused " + request.command() + ": " + reply.line());
        }
        if (!type.isInstance(reply)) {
            throw new ClientFailure("unexpected reply to " + request.command() + ": " + reply.line());
        }
        return type.cast(reply);
    }

    /** Why the session ended while {@code request} awaited its reply; a closing line goes to the transcript. */
    private String describe(HeloConnection.SessionEnded ended, Request request) {
        ClosingNotice notice = ended.notice();
        if (notice == null) {
            return ended.getMessage() != null ? ended.getMessage()
                    : "the server closed the connection before replying to " + request.command();
        }
        out.println("< " + notice.reply().line());
        ErrorReason reason = notice.reason().orElse(null);
        if (reason == ErrorReason.BUSY || reason == ErrorReason.RATE_LIMITED) {
            return "the server refused the connection: " + notice.describe();
        }
        if (reason == ErrorReason.SHUTTING_DOWN) {
            return "the server is shutting down: " + notice.describe();
        }
        return "the server ended the session: " + notice.describe();
    }
}
