package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.blocking.HeloClient;
import io.helo.codec.blocking.TrustedCertificates;
import io.helo.server.config.Tls;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.TestCertificates;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codec's blocking client at the server's TLS port: a whole session, and the name and trust it checks. */
class BlockingClientTlsTest {
    private static final HeloClient.Settings SETTINGS = HeloClient.Settings.defaults();

    @TempDir
    Path dir;

    private TestCertificates certificates;
    private LoopbackServer server;
    private InetSocketAddress tlsAddress;

    @BeforeEach
    void start() throws Exception {
        certificates = TestCertificates.inDirectory(dir);
        TestCertificates.Pair pair = certificates.issue("helo", 30); // valid for localhost and 127.0.0.1
        server = LoopbackServer.start(b -> b.set(Tls.TLS_PORT, 0).set(Tls.TLS_CERT, pair.certificate())
                .set(Tls.TLS_KEY, pair.key()).set(Tls.TLS_RELOAD_INTERVAL, Duration.ZERO));
        tlsAddress = server.server().tlsAddresses().get(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldHoldAWholeSessionInsideTlsWithTheServersNameVerified() throws Exception {
        SSLContext trust = TrustedCertificates.sslContext(certificates.caCertificate());
        try (HeloClient client = HeloClient.connect(tlsAddress, "localhost", trust, SETTINGS)) {
            assertThat(client.exchange(new Request.Helo("blocking"))).isEqualTo(new Response.Greeting("blocking"));
            assertThat(client.exchange(new Request.Echo("inside TLS"))).isEqualTo(new Response.Echo("inside TLS"));
            assertThat(client.exchange(new Request.ReqIp())).isEqualTo(new Response.Address("127.0.0.1"));
            assertThat(client.exchange(new Request.Bye())).isEqualTo(new Response.Goodbye());
            assertThat(client.awaitClose()).as("closed after BYE, with close_notify").isTrue();
        }
    }

    @Test
    void shouldAcceptAnIpAddressTheCertificateNames() throws Exception {
        SSLContext trust = TrustedCertificates.sslContext(certificates.caCertificate());
        try (HeloClient client = HeloClient.connect(tlsAddress, "127.0.0.1", trust, SETTINGS)) {
            assertThat(client.exchange(new Request.Helo("by-ip"))).isEqualTo(new Response.Greeting("by-ip"));
        }
    }

    @Test
    void shouldRefuseAServerWhoseCertificateIsForAnotherName() throws Exception {
        SSLContext trust = TrustedCertificates.sslContext(certificates.caCertificate());
        assertThatThrownBy(() -> HeloClient.connect(tlsAddress, "helo.example.org", trust, SETTINGS))
                .isInstanceOf(SSLHandshakeException.class).hasRootCauseInstanceOf(CertificateException.class)
                .hasMessageContaining("helo.example.org");
    }

    @Test
    void shouldRefuseAServerItDoesNotTrust() throws Exception {
        Path stranger = TestCertificates.inDirectory(Files.createDirectory(dir.resolve("other"))).caCertificate();
        SSLContext trust = TrustedCertificates.sslContext(stranger);
        assertThatThrownBy(() -> HeloClient.connect(tlsAddress, "localhost", trust, SETTINGS))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void shouldFailTheHandshakeAtAPlaintextPort() throws Exception {
        SSLContext trust = TrustedCertificates.sslContext(certificates.caCertificate());
        assertThatThrownBy(() -> HeloClient.connect(server.address(), "localhost", trust, SETTINGS))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void shouldSayAFileWithoutCertificatesHasNone() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> TrustedCertificates.sslContext(empty)).isInstanceOf(CertificateException.class);
    }
}
