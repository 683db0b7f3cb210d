package io.helo.server;

import io.helo.server.config.Connections;
import io.helo.server.config.Limits;
import io.helo.server.config.Tls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.KernelBuffers;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.TestCertificates;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol inside TLS at the TLS port, byte for byte as on the plaintext port; the end of a plaintext client
 * there; and certificates replaced under a running server, while a TLS client stays connected.
 */
class TlsTest {
    @TempDir
    Path dir;

    private TestCertificates certificates;
    private Path certificateFile;
    private Path keyFile;
    private LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        certificates = TestCertificates.inDirectory(dir);
        certificateFile = dir.resolve("live-cert.pem");
        keyFile = dir.resolve("live-key.pem");
        certificates.issue("first", 30).installAs(certificateFile, keyFile);
        server = LoopbackServer.start(b -> b.set(Tls.TLS_PORT, 0).set(Tls.TLS_CERT, certificateFile)
                .set(Tls.TLS_KEY, keyFile).set(Tls.TLS_RELOAD_INTERVAL, Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldServeAWholeSessionInsideTlsAsOnThePlaintextPort() throws Exception {
        try (WireClient client = tlsClient()) {
            client.send("HELO me\r\nECHO inside TLS\r\nREQIP\r\nBYE\r\n")
                    .expect("Hello me, pleased to meet you.").expect("inside TLS").expect("127.0.0.1")
                    .expect("See ya later");
            client.expectEndOfStream(); // after the server's close_notify: an orderly end, not a truncation
            assertThat(client.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        try (WireClient plain = new WireClient(server.address())) {
            plain.send("HELO me\r\n").expect("Hello me, pleased to meet you."); // the plaintext port is as it was
        }
    }

    @Test
    void shouldAnswerAPlaintextClientAtTheTlsPortInPlaintextAndClose() throws Exception {
        try (WireClient plain = new WireClient(tlsAddress())) {
            plain.send("HELO me\r\n").expect("ERR tls-required this port speaks TLS only, closing connection");
            plain.expectEndOfStream();
        }
        assertThat(server.counters().errorsByReason()).containsEntry("tls-required", 1L);
    }

    @Test
    void shouldTellATlsClientOverTheLimitInsideTls() throws Exception {
        try (LoopbackServer full = LoopbackServer.start(b -> b.set(Connections.MAX_CONNECTIONS, 1)
                .set(Tls.TLS_PORT, 0).set(Tls.TLS_CERT, certificateFile).set(Tls.TLS_KEY, keyFile)
                .set(Tls.TLS_RELOAD_INTERVAL, Duration.ZERO));
                WireClient first = WireClient.overTls(full.server().tlsAddresses().get(0),
                        certificates.caCertificate(), null)) {
            first.send("HELO a\r\n").expect("Hello a, pleased to meet you.");
            // refused as the connection opens, before the client's first octet: the line waits for the handshake
            try (WireClient second = WireClient.overTls(full.server().tlsAddresses().get(0),
                    certificates.caCertificate(), null)) {
                second.expect("ERR busy too many connections, try again later");
                second.expectEndOfStream();
            }
        }
    }

    @Test
    void shouldCloseAClientThatDoesNotCompleteTheHandshakeInTime() throws Exception {
        try (LoopbackServer strict = LoopbackServer.start(b -> b.set(Tls.TLS_PORT, 0)
                .set(Tls.TLS_CERT, certificateFile).set(Tls.TLS_KEY, keyFile).set(Tls.TLS_RELOAD_INTERVAL, Duration.ZERO)
                .set(Tls.TLS_HANDSHAKE_TIMEOUT, Duration.ofSeconds(1)));
                WireClient stalled = new WireClient(strict.server().tlsAddresses().get(0))) {
            stalled.sendBytes(new byte[] {0x16, 0x03, 0x01, 0x40, 0x00}); // a record of 16 KiB announced, none sent
            stalled.expectEndOfStream(); // within the client's 10 s read timeout: the handshake timeout is 1 s
            await().atMost(Duration.ofSeconds(10)).until(() -> strict.counters().currentConnections() == 0);
        }
    }

    @Test
    void shouldRefuseAClientThatDoesNotTrustTheCertificate() throws Exception {
        Path stranger = TestCertificates.inDirectory(Files.createDirectory(dir.resolve("other"))).caCertificate();
        assertThatThrownBy(() -> WireClient.overTls(tlsAddress(), stranger, null))
                .isInstanceOf(SSLHandshakeException.class);
        try (WireClient client = tlsClient()) { // and goes on serving those who do
            client.send("HELO me\r\n").expect("Hello me, pleased to meet you.");
        }
    }

    @Test
    void shouldServeANewCertificateToNewClientsWhileAConnectedClientGoesOn() throws Exception {
        try (WireClient connected = tlsClient()) {
            connected.send("HELO me\r\n").expect("Hello me, pleased to meet you.");
            assertThat(subjectOf(connected)).isEqualTo("CN=first");

            certificates.issue("second", 30).installAs(certificateFile, keyFile); // the key first, as a renewal might
            await().atMost(Duration.ofSeconds(20)).until(() -> subjectOfANewClient().equals("CN=second"));

            connected.send("ECHO still here\r\n").expect("still here");
            assertThat(subjectOf(connected)).isEqualTo("CN=first");
        }
        assertThat(server.server().certificateExpiry()).isPresent();
    }

    @Test
    void shouldKeepTheCertificateInUseWhenTheNewFilesDoNotLoad() throws Exception {
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        server.server().reloadCertificate();
        assertThat(subjectOfANewClient()).isEqualTo("CN=first");

        // whole, but every client would refuse it
        certificates.issue("expired", -1).installAs(certificateFile, keyFile);
        server.server().reloadCertificate();
        assertThat(subjectOfANewClient()).isEqualTo("CN=first");

        certificates.issue("third", 30).installAs(certificateFile, keyFile); // whole and valid again: it loads
        await().atMost(Duration.ofSeconds(20)).until(() -> subjectOfANewClient().equals("CN=third"));
    }

    @Test
    void shouldPauseATlsClientThatReadsNothingAndAnswerEverythingOnceItReads() throws Exception {
        int requests = KernelBuffers.repliesToFill(902); // about 10 MB of replies: more than the kernel holds
        String text = "x".repeat(900);
        // the usual buffers: a backlog of megabytes crawls through a tiny window (see WireClient.slowReader)
        try (WireClient client = tlsClient()) {
            client.send("HELO me\r\n").expect("Hello me, pleased to meet you.");
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < requests; i++) {
                        client.send("ECHO " + text + "\r\n");
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> server.counters().pausedConnections() == 1);
            // a TLS write holds a whole TLS packet however short its reply: the pause comes after a few writes,
            // while MINA's count of their octets is still below the threshold for plaintext
            assertThat(server.counters().largestUnsentBytes()).isLessThan(Limits.MAX_UNSENT.defaultValue());
            for (int i = 0; i < requests; i++) {
                client.expect(text);
            }
            sent.join();
        }
    }

    private WireClient tlsClient() throws Exception {
        return WireClient.overTls(tlsAddress(), certificates.caCertificate(), null);
    }

    private InetSocketAddress tlsAddress() {
        return server.server().tlsAddresses().get(0);
    }

    private String subjectOfANewClient() throws Exception {
        try (WireClient client = tlsClient()) {
            return subjectOf(client);
        }
    }

    private static String subjectOf(WireClient client) throws Exception {
        return ((X509Certificate) client.tlsSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }
}
