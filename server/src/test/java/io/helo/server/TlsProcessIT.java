package io.helo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.Haproxy;
import io.helo.server.testing.ServerProcess;
import io.helo.server.testing.TestCertificates;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server jar's TLS port as operators meet it: OpenSSL's own client, a certificate replaced and SIGHUP sent,
 * and HAProxy passing TLS through with the PROXY protocol.
 */
class TlsProcessIT {
    @TempDir
    Path dir;

    private TestCertificates certificates;
    private Path certificateFile;
    private Path keyFile;

    @BeforeEach
    void makeCertificates() throws IOException {
        certificates = TestCertificates.inDirectory(dir);
        certificateFile = dir.resolve("fullchain.pem");
        keyFile = dir.resolve("privkey.pem");
        certificates.issue("first", 30).installAs(certificateFile, keyFile);
    }

    @Test
    void shouldServeOpensslsClientAndReloadTheCertificateOnSighup() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of(), "--tls-port", "0", "--tls-cert",
                certificateFile.toString(), "--tls-key", keyFile.toString(), "--tls-reload-interval", "0")) {
            SClient first = sClient(server.tlsAddress(), "HELO openssl\r\nECHO over TLS\r\nBYE\r\n");
            assertThat(first.exit()).isZero();
            assertThat(first.out()).isEqualTo("Hello openssl, pleased to meet you.\r\nover TLS\r\nSee ya later\r\n");
            assertThat(first.err()).contains("depth=0 CN = first").doesNotContain("unexpected eof");

            certificates.issue("second", 30).installAs(certificateFile, keyFile);
            assertThat(sClient(server.tlsAddress(), "BYE\r\n").err()).contains("depth=0 CN = first"); // not polled
            server.hangUp();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> server.output().stream().anyMatch(l -> l.contains("TLS certificate reloaded: CN=second")));
            SClient second = sClient(server.tlsAddress(), "HELO openssl\r\nBYE\r\n");
            assertThat(second.err()).contains("depth=0 CN = second");
            assertThat(second.out()).isEqualTo("Hello openssl, pleased to meet you.\r\nSee ya later\r\n");
            assertThat(server.isAlive()).as("SIGHUP reloads, it does not stop").isTrue();
        }
    }

    @Test
    void shouldRefuseTls11InOneLogLineWithoutAStackTrace() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of(), "--tls-port", "0", "--tls-cert",
                certificateFile.toString(), "--tls-key", keyFile.toString())) {
            for (String version : List.of("-tls1_1", "-tls1")) {
                SClient old = sClient(server.tlsAddress(), "HELO old\r\n", version, "-cipher", "DEFAULT:@SECLEVEL=0");
                assertThat(old.exit()).isNotZero();
                assertThat(old.err()).contains("alert protocol version");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.output().stream()
                    .filter(l -> l.contains("disconnected (tls error) after 0 requests")).count() == 2);
            assertThat(server.output()).noneMatch(l -> l.contains("ERROR") || l.contains("Exception"));
        }
    }

    @Test
    void shouldTakeTlsWithTheProxyProtocolThroughHaproxy() throws Exception {
        Haproxy.require();
        InetAddress client = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        InetSocketAddress front = new InetSocketAddress(InetAddress.getLoopbackAddress(), Haproxy.freePort());
        try (ServerProcess server = ServerProcess.start(List.of(), "--tls-port", "0", "--tls-cert",
                certificateFile.toString(), "--tls-key", keyFile.toString(), "--proxy-protocol-from", "127.0.0.1/32");
                Haproxy haproxy = Haproxy.start("defaults", "  mode tcp", "  timeout connect 5s",
                        "  timeout client 30s", "  timeout server 30s",
                        "frontend tls_in", "  bind 127.0.0.1:" + front.getPort(), "  default_backend helo_tls",
                        "backend helo_tls",
                        "  server a 127.0.0.1:" + server.tlsAddress().getPort() + " send-proxy-v2")) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (WireClient tls = WireClient.overTls(front, certificates.caCertificate(), client)) {
                    // REQIP tells the address HAProxy saw, 127.0.0.2, not HAProxy's own
                    tls.send("HELO through\r\nREQIP\r\nBYE\r\n").expect("Hello through, pleased to meet you.")
                            .expect("127.0.0.2").expect("See ya later");
                    tls.expectEndOfStream();
                    return true;
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> server.output().stream()
                    .anyMatch(l -> l.contains("127.0.0.2:") && l.contains("disconnected (bye) after 3 requests")));
        }
    }

    private record SClient(int exit, String out, String err) {
    }

    /** Runs {@code openssl s_client} verifying the server as {@code localhost} with the test CA. */
    private SClient sClient(InetSocketAddress server, String input, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + server.getPort(), "-CAfile", certificates.caCertificate().toString(),
                "-verify_hostname", "localhost", "-verify_return_error", "-quiet", "-ign_eof"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ended) {
            // s_client may have ended already (a refused handshake) before taking its input: what it said is below
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new SClient(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
