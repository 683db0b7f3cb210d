package io.helo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.helo.server.config.Tls;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTlsTest {
    /** Only guards against a hang: the client's own timeout in these tests is an hour. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final String NO_TIMEOUT = "3600";

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    /** A certificate for localhost and 127.0.0.1 from the test CA. */
    private static SSLContext localhost;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.inDirectory(dir);
        localhost = serverContext(certificates.issue("localhost", 30));
    }

    @Test
    void shouldRunTheWholeSessionOverTlsAndSayHowItIsSecured() throws Exception {
        try (FakeServer server = tlsServer(localhost, "127.0.0.1")) {
            int exit = run("--tls", "--tls-ca", ca(), "--host", "localhost", "--port", port(server),
                    "--helo-name", "box", "--timeout", NO_TIMEOUT);
            assertThat(text(err)).isEmpty();
            assertThat(exit).isZero();
            SSLSession session = server.handshake().get(5, TimeUnit.SECONDS);
            assertThat(text(out)).matches("Connecting to localhost:" + port(server) + " \\.\\.\\.\n"
                    + "Connected to 127\\.0\\.0\\.1:" + port(server) + " from 127\\.0\\.0\\.1:\\d+\n"
                    + "TLS: TLSv1\\.[23], " + Pattern.quote(session.getCipherSuite())
                    + ", server certificate CN=localhost \\(verified for localhost\\)\n"
                    + "> HELO box\n< Hello box, pleased to meet you\\.\n  The server greeted us as box\\.\n"
                    + "> REQTIME\n< 10:00:00\n  The server's time is 10:00:00\\.\n"
                    + "> REQDATE\n< 2020-02-02\n  The server's date is 2020-02-02\\.\n"
                    + "> ECHO this is some random text\\.\n< this is some random text\\.\n"
                    + "  The server echoed our text unchanged\\.\n"
                    + "> REQIP\n< 127\\.0\\.0\\.1\n  The server sees us at 127\\.0\\.0\\.1\\.\n"
                    + "> BYE\n< See ya later\n  The server said goodbye\\.\n"
                    + "The server closed the connection\\. All 6 commands succeeded\\.\n");
            assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(((ExtendedSSLSession) session).getRequestedServerNames())
                    .containsExactly(new SNIHostName("localhost"));
        }
    }

    @Test
    void shouldVerifyAnIpAddressAgainstTheCertificateAndSendNoServerNameForIt() throws Exception {
        try (FakeServer server = tlsServer(localhost, "127.0.0.1")) {
            int exit = run("--tls-ca", ca(), "--host", "127.0.0.1", "--port", port(server), "--helo-name", "box");
            assertThat(text(err)).isEmpty();
            assertThat(exit).isZero();
            assertThat(text(out)).containsPattern(
                    "\nTLS: TLSv1\\.[23], \\w+, server certificate CN=localhost \\(verified for 127\\.0\\.0\\.1\\)\n");
            SSLSession session = server.handshake().get(5, TimeUnit.SECONDS);
            assertThat(((ExtendedSSLSession) session).getRequestedServerNames()).isEmpty();
        }
    }

    @Test
    void shouldSayAtOnceThatTheCertificateIsNotTrustedWithoutTheTestCa() throws Exception {
        try (FakeServer server = tlsServer(localhost, "127.0.0.1")) {
            int exit = assertTimeoutPreemptively(HANG_GUARD,
                    () -> run("--tls", "--port", port(server), "--helo-name", "box", "--timeout", NO_TIMEOUT));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("client: TLS handshake with localhost:" + port(server)
                    + " failed: the server's certificate is not trusted (use --tls-ca FILE)\n");
            assertThat(text(out)).doesNotContain("TLS:", "> HELO");
        }
    }

    @Test
    void shouldRefuseACertificateThatDoesNotNameTheHost() throws Exception {
        SSLContext other = serverContext(issueFor("other.example", "DNS:other.example"));
        try (FakeServer server = tlsServer(other, "127.0.0.1")) {
            int exit = assertTimeoutPreemptively(HANG_GUARD,
                    () -> run("--tls-ca", ca(), "--port", port(server), "--helo-name", "box", "--timeout", NO_TIMEOUT));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("client: TLS handshake with localhost:" + port(server)
                    + " failed: the server's certificate is not valid for localhost\n");
        }
    }

    @Test
    void shouldRefuseACertificateThatDoesNotListTheAddressConnectedTo() throws Exception {
        // 127.0.0.2 is loopback on Linux; the certificate names only localhost and 127.0.0.1
        try (FakeServer server = tlsServer(localhost, "127.0.0.2")) {
            int exit = assertTimeoutPreemptively(HANG_GUARD, () -> run("--tls-ca", ca(), "--host", "127.0.0.2",
                    "--port", port(server), "--helo-name", "box", "--timeout", NO_TIMEOUT));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("client: TLS handshake with 127.0.0.2:" + port(server)
                    + " failed: the server's certificate is not valid for 127.0.0.2\n");
        }
    }

    @Test
    void shouldRefuseAnExpiredCertificate() throws Exception {
        SSLContext expired = serverContext(certificates.issue("localhost", -1)); // valid until a day ago
        try (FakeServer server = tlsServer(expired, "127.0.0.1")) {
            int exit = assertTimeoutPreemptively(HANG_GUARD,
                    () -> run("--tls-ca", ca(), "--port", port(server), "--helo-name", "box", "--timeout", NO_TIMEOUT));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("client: TLS handshake with localhost:" + port(server)
                    + " failed: the server's certificate has expired\n");
        }
    }

    @Test
    void shouldGiveUpOnAServerThatNeverAnswersTheHandshakeAfterTheTimeout() throws Exception {
        try (FakeServer silent = new FakeServer(Map.of(), true)) {
            int exit = run("--tls", "--host", "127.0.0.1", "--port", port(silent), "--timeout", "0.3");
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("client: TLS handshake with 127.0.0.1:" + port(silent)
                    + " failed: no answer within 300 ms\n");
        }
    }

    @Test
    void shouldSayAtOnceThatAPlaintextServerDidNotAnswerInTls() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            CompletableFuture<byte[]> hello = answerFirstBytesAndClose(listener,
                    "ERR wrong-protocol this is a HELO server, closing connection\r\n");
            int exit = assertTimeoutPreemptively(HANG_GUARD, () -> run("--tls", "--host", "127.0.0.1", "--port",
                    String.valueOf(port), "--helo-name", "box", "--timeout", NO_TIMEOUT));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("client: TLS handshake with 127.0.0.1:" + port
                    + " failed: the server did not answer in TLS (is " + port + " its TLS port?)\n");
            assertThat(hello.get(5, TimeUnit.SECONDS)[0]).as("a TLS handshake record first").isEqualTo((byte) 0x16);
        }
    }

    @Test
    void shouldSayAtOnceThatAServerClosingWithoutAWordDidNotAnswerInTls() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            answerFirstBytesAndClose(listener, "");
            int exit = assertTimeoutPreemptively(HANG_GUARD, () -> run("--tls", "--host", "127.0.0.1", "--port",
                    String.valueOf(port), "--helo-name", "box", "--timeout", NO_TIMEOUT));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("client: TLS handshake with 127.0.0.1:" + port
                    + " failed: the server did not answer in TLS (is " + port + " its TLS port?)\n");
        }
    }

    @Test
    void shouldRunTheWholeSessionAgainstTheRealServersTlsPort() throws Exception {
        TestCertificates.Pair pair = certificates.issue("localhost", 30);
        try (LoopbackServer server = LoopbackServer.start(b -> b.set(Tls.TLS_PORT, 0).set(Tls.TLS_CERT, pair.certificate())
                .set(Tls.TLS_KEY, pair.key()).set(Tls.TLS_RELOAD_INTERVAL, Duration.ZERO))) {
            int tlsPort = server.server().tlsAddresses().get(0).getPort();
            int exit = run("--tls-ca", ca(), "--port", String.valueOf(tlsPort), "--helo-name", "box");
            assertThat(text(err)).isEmpty();
            assertThat(exit).isZero();
            assertThat(text(out)).containsPattern("\nTLS: TLSv1\\.3, TLS_\\w+, server certificate CN=localhost"
                    + " \\(verified for localhost\\)\n").contains("> REQIP\n< 127.0.0.1\n")
                    .endsWith("The server closed the connection. All 6 commands succeeded.\n");

            // and the plaintext client at the TLS port hears why it was closed
            assertThat(run("--port", String.valueOf(tlsPort), "--helo-name", "box")).isEqualTo(1);
            assertThat(text(err)).contains("tls-required");
        }
    }

    @Test
    void shouldSayAtOnceThatTheRealServersPlaintextPortDoesNotSpeakTls() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            int exit = assertTimeoutPreemptively(HANG_GUARD, () -> run("--tls", "--host", "127.0.0.1", "--port",
                    String.valueOf(server.port()), "--helo-name", "box", "--timeout", NO_TIMEOUT));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("client: TLS handshake with 127.0.0.1:" + server.port()
                    + " failed: the server did not answer in TLS (is " + server.port() + " its TLS port?)\n");
        }
    }

    @Test
    void shouldRejectAMissingCaFileAsAUsageError() {
        assertThat(run("--tls-ca", "/nonexistent")).isEqualTo(2);
        assertThat(text(err)).isEqualTo("client: --tls-ca /nonexistent: no such file\n"
                + "Try 'client --help' for more information.\n");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void shouldRejectACaFileWithoutCertificatesAsAUsageError() throws Exception {
        Path key = dir.resolve("ca.key");
        assertThat(run("--tls-ca", key.toString())).isEqualTo(2);
        assertThat(text(err)).isEqualTo("client: --tls-ca " + key
                + ": no PEM certificate in it (-----BEGIN CERTIFICATE-----)\n"
                + "Try 'client --help' for more information.\n");
    }

    @Test
    void shouldListTheTlsOptions() {
        assertThat(run("--help")).isZero();
        assertThat(text(out)).contains("--tls ", "--tls-ca=FILE", "Implies --tls.");
    }

    /** A certificate signed by the test CA for {@code subjectAltName} only. */
    private static TestCertificates.Pair issueFor(String commonName, String subjectAltName) throws IOException {
        Path key = dir.resolve(commonName + ".key");
        Path request = dir.resolve(commonName + ".csr");
        Path certificate = dir.resolve(commonName + ".pem");
        Path extensions = dir.resolve(commonName + ".ext");
        Files.writeString(extensions, "subjectAltName=" + subjectAltName + "\n", StandardCharsets.US_ASCII);
        certificates.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                key.toString());
        certificates.openssl("req", "-new", "-key", key.toString(), "-out", request.toString(), "-subj",
                "/CN=" + commonName);
        certificates.openssl("x509", "-req", "-in", request.toString(), "-CA", ca(), "-CAkey",
                dir.resolve("ca.key").toString(), "-CAcreateserial", "-out", certificate.toString(), "-days", "30",
                "-extfile", extensions.toString());
        return new TestCertificates.Pair(certificate, key, "CN=" + commonName);
    }

    /** A server context presenting {@code pair}, by way of the PKCS#12 file openssl makes of it. */
    private static SSLContext serverContext(TestCertificates.Pair pair) throws IOException, GeneralSecurityException {
        Path p12 = Path.of(pair.certificate() + ".p12");
        certificates.openssl("pkcs12", "-export", "-in", pair.certificate().toString(), "-inkey", pair.key().toString(),
                "-passout", "pass:x", "-out", p12.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keys.load(in, "x".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "x".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** A fake answering every command as the specification says, inside TLS, on {@code address}. */
    private static FakeServer tlsServer(SSLContext context, String address) throws IOException {
        SSLServerSocket listener;
        try {
            listener = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getByName(address));
        } catch (BindException e) {
            Assumptions.abort("cannot listen on " + address + " here: " + e.getMessage());
            throw e;
        }
        listener.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        Map<String, String> replies = new HashMap<>();
        replies.put("HELO", "Hello box, pleased to meet you.\r\n");
        replies.put("REQTIME", "10:00:00\r\n");
        replies.put("REQDATE", "2020-02-02\r\n");
        replies.put("ECHO", "this is some random text.\r\n");
        replies.put("REQIP", "127.0.0.1\r\n");
        replies.put("BYE", "See ya later\r\n");
        return new FakeServer(listener, replies, true);
    }

    /** A plaintext server that answers the first octets to arrive with {@code answer} and closes; gives them. */
    private static CompletableFuture<byte[]> answerFirstBytesAndClose(ServerSocket listener, String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = listener.accept()) {
                byte[] buffer = new byte[512];
                int n = socket.getInputStream().read(buffer);
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                return n > 0 ? Arrays.copyOf(buffer, n) : new byte[0];
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String ca() {
        return certificates.caCertificate().toString();
    }

    private static String port(FakeServer server) {
        return String.valueOf(server.port());
    }

    private int run(String... args) {
        return ClientMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
