package io.helo.server.testing;

import io.helo.codec.blocking.TrustedCertificates;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** A raw TCP client for tests: sends bytes, asserts the exact bytes of each reply line, CRLF included. */
public final class WireClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;

    /** Connects to {@code server}. */
    public WireClient(InetSocketAddress server) throws IOException {
        this(server, null);
    }

    /** Connects from {@code localAddress} (e.g. 127.0.0.2, another loopback address), or any if null. */
    public WireClient(InetSocketAddress server, InetAddress localAddress) throws IOException {
        this(server, localAddress, 0);
    }

    private WireClient(InetSocketAddress server, InetAddress localAddress, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connecting, so the window is small from the start
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(server, READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS); // a missing reply fails the test instead of hanging it
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
    }

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
    }

    /**
     * Connects from {@code localAddress} (or any if null) and speaks TLS, trusting only the PEM certificates in
     * {@code trusted} and checking that the server's certificate is for {@code localhost}; the handshake is done.
     */
    public static WireClient overTls(InetSocketAddress server, Path trusted, InetAddress localAddress)
            throws IOException, GeneralSecurityException {
        return overTls(new WireClient(server, localAddress), server, trusted);
    }

    private static WireClient overTls(WireClient plain, InetSocketAddress server, Path trusted)
            throws IOException, GeneralSecurityException {
        SSLSocket tls = (SSLSocket) trusting(trusted).getSocketFactory().createSocket(plain.socket, "localhost",
                server.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return new WireClient(tls);
    }

    /** A TLS context trusting only the PEM certificates in {@code trusted}. */
    public static SSLContext trusting(Path trusted) throws IOException, GeneralSecurityException {
        return TrustedCertificates.sslContext(trusted);
    }

    /** The TLS session of a client made by {@link #overTls}. */
    public SSLSession tlsSession() {
        return ((SSLSocket) socket).getSession();
    }

    /**
     * A client with a tiny receive buffer, so that replies it does not read pile up at the server quickly. Not for
     * reading a large backlog: through so small a window Linux sends one only at its zero-window probes.
     */
    public static WireClient slowReader(InetSocketAddress server) throws IOException {
        return new WireClient(server, null, 4096);
    }

    /** Sends {@code text} as UTF-8, exactly as given (the caller writes the line ends). */
    public WireClient send(String text) throws IOException {
        return sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code bytes} exactly as given. */
    public WireClient sendBytes(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one line up to and including LF and asserts it is {@code expected} followed by CRLF. */
    public WireClient expect(String expected) throws IOException {
        assertThat(readLine()).isEqualTo(expected + "\r\n");
        return this;
    }

    /** Reads one line up to and including LF, as UTF-8. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Asserts that the server closed the connection with nothing more to read. */
    public void expectEndOfStream() throws IOException {
        assertThat(in.read()).as("end of stream").isEqualTo(-1);
    }

    /** Shuts down the sending side, as {@code nc -N} does after its input ends. */
    public WireClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Aborts the connection with a TCP reset instead of an orderly close. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** The underlying socket, for tests that need its options. */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
