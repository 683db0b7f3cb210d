package io.helo.codec.blocking;

import io.helo.codec.ClosingNotice;
import io.helo.codec.HeloProtocol;
import io.helo.codec.IpLiterals;
import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.ResponseParser;
import io.helo.codec.ServerLine;
import io.helo.codec.UnexpectedReply;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A HELO client over a blocking {@link Socket}, by the codec's rules: requests out, each reply read as the answer
 * to the request it follows. Not thread-safe.
 *
 * <pre>{@code
 * try (HeloClient client = HeloClient.connect("localhost", 8008)) {
 *     Response greeting = client.exchange(new Request.Helo("me"));
 * }
 * }</pre>
 *
 * <p>Over TLS (a server's TLS port), with the server's name checked against its certificate as HTTPS does:
 *
 * <pre>{@code
 * SSLContext trust = TrustedCertificates.sslContext(Path.of("ca.pem"));   // or SSLContext.getDefault()
 * try (HeloClient client = HeloClient.connect(new InetSocketAddress("helo.example.org", 8443), "helo.example.org",
 *         trust, HeloClient.Settings.defaults())) {
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #exchange} returns the server's answer, error replies included, and throws an {@link IOException}
 * when there is none: {@link SessionEndedException} (the server closed, with or without a closing notice),
 * {@link ProtocolViolationException} (the line was no valid answer), {@link SocketTimeoutException}.
 */
public final class HeloClient implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private final LineReader lines;
    private final Settings settings;
    private final Queue<Request> awaiting = new ArrayDeque<>();

    /**
     * How the client reads: how long it waits to connect and for each reply, the longest reply line it accepts
     * (line end included), and the silence after which reply octets without a line end count as a line (zero:
     * never).
     *
     * @param timeout how long to wait to connect, and for each reply
     * @param maxReplyLength the longest reply line accepted, in octets, line end included
     * @param quietLineEnd the silence after which reply octets without a line end count as a line; zero: never
     */
    public record Settings(Duration timeout, int maxReplyLength, Duration quietLineEnd) {
        /**
         * Ten seconds, 64 KiB, and the protocol's quiet period.
         *
         * @return the default settings
         */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), 64 * 1024, HeloProtocol.DEFAULT_QUIET_LINE_END);
        }
    }

    private HeloClient(Socket socket, Settings settings) throws IOException {
        this.socket = socket;
        this.settings = settings;
        this.out = socket.getOutputStream();
        this.lines = LineReader.of(socket, settings.maxReplyLength(), HeloProtocol.DEFAULT_MAX_DISCARD,
                settings.quietLineEnd());
    }

    /**
     * Connects to {@code host:port} with the default settings.
     *
     * @param host the server's host name or IP address
     * @param port the server's TCP port
     * @return a client connected to the server
     * @throws IOException if the connection cannot be made within the default timeout
     */
    public static HeloClient connect(String host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), Settings.defaults());
    }

    /**
     * Connects to {@code address}.
     *
     * @param address the server's address
     * @param settings the timeouts and limits to use
     * @return a client connected to the server
     * @throws IOException if the connection cannot be made within {@code settings.timeout()}
     */
    public static HeloClient connect(InetSocketAddress address, Settings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()));
            return new HeloClient(socket, settings);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Connects to {@code address} over TLS and completes the handshake, accepting the server only if its certificate
     * chain is trusted by {@code context} and is valid for {@code serverName} (a DNS name, also sent as SNI, or an IP
     * address literal), as HTTPS clients check it.
     *
     * @param address the server's address: its TLS port
     * @param serverName the name the server's certificate must be valid for
     * @param context whom to trust, e.g. {@link TrustedCertificates#sslContext} or {@link SSLContext#getDefault()}
     * @param settings the timeouts and limits to use; the timeout also bounds the handshake
     * @return a client connected to the server inside TLS
     * @throws javax.net.ssl.SSLHandshakeException if the server is not trusted, its certificate is not valid for
     *     {@code serverName}, or it does not speak TLS
     * @throws IOException if the connection cannot be made or the handshake does not end within the timeout
     */
    public static HeloClient connect(InetSocketAddress address, String serverName, SSLContext context,
            Settings settings) throws IOException {
        Socket plain = new Socket();
        try {
            int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
            plain.setTcpNoDelay(true);
            plain.connect(address, timeoutMillis);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, address.getPort(),
                    true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (IpLiterals.parse(serverName).isEmpty()) { // SNI names only DNS names (RFC 6066)
                parameters.setServerNames(List.of(new SNIHostName(IDN.toASCII(serverName))));
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(timeoutMillis);
            tls.startHandshake();
            return new HeloClient(tls, settings);
        } catch (IOException | IllegalArgumentException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * Sends {@code request} and returns its answer (an {@link Response.ErrorReply} is an answer too).
     *
     * @param request the request to send
     * @return the server's reply, success or error
     * @throws SessionEndedException if the server ended the session instead of answering
     * @throws ProtocolViolationException if the line received is no valid answer to {@code request}
     * @throws IOException if the request cannot be sent, or no reply comes within the timeout
     */
    public Response exchange(Request request) throws IOException {
        send(request);
        ServerLine line = receive();
        if (line instanceof Response response) {
            return response;
        }
        if (line instanceof ClosingNotice notice) {
            throw new SessionEndedException(notice);
        }
        throw new ProtocolViolationException((UnexpectedReply) line);
    }

    /**
     * Sends {@code request} without waiting for its reply, e.g. to pipeline several.
     *
     * @param request the request to send
     * @throws IOException if the request cannot be sent
     */
    public void send(Request request) throws IOException {
        out.write((request.line() + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        awaiting.add(request);
    }

    /**
     * Reads the next line, as the answer to the oldest request sent and not yet answered.
     *
     * @return the reply, a {@link ClosingNotice}, or an {@link UnexpectedReply}
     * @throws SessionEndedException if the server closed the connection without a line
     * @throws IOException if reading fails, or no line comes within the timeout
     */
    public ServerLine receive() throws IOException {
        LineReader.Framed next = lines.read(settings.timeout());
        if (next instanceof LineReader.Unterminated) {
            next = lines.read(settings.timeout()); // its line was reported too long already; nothing more comes
        }
        if (next == null) {
            throw new SessionEndedException(null);
        }
        if (!(next instanceof LineReader.Line line)) {
            return UnexpectedReply.overLimit(awaiting.poll());
        }
        ServerLine parsed = ResponseParser.parse(awaiting.peek(), line.text());
        if (!(parsed instanceof ClosingNotice)) {
            awaiting.poll();
        }
        return parsed;
    }

    /**
     * Waits for the server to close the connection; true if it did within the timeout, with no more lines.
     *
     * @return true if the server closed the connection, false if a line or nothing came within the timeout
     * @throws IOException if reading fails
     */
    public boolean awaitClose() throws IOException {
        try {
            return lines.read(settings.timeout()) == null;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Where the connection goes.
     *
     * @return the server's address
     */
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /**
     * Where the connection comes from.
     *
     * @return this client's address
     */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
