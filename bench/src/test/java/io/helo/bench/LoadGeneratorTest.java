package io.helo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.config.Tls;
import io.helo.server.config.Connections;
import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadGeneratorTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @ValueSource(strings = {"echo", "churn"})
    void shouldDriveTheServerAndVerifyEveryReply(String mode) throws Exception {
        // a load generator churns thousands of connections from one address: no per-client rate limit
        try (LoopbackServer server = LoopbackServer.start(b -> b.set(Connections.MAX_CONNECTION_RATE, 0))) {
            int port = server.port();
            int exit = run("-p", String.valueOf(port), "-m", mode, "-c", "4", "-P", "4", "-d", "1", "-w", "0");
            assertThat(text(err)).isEmpty();
            assertThat(exit).isZero();
            assertThat(text(out)).containsPattern("mode=" + mode + " conns=4 depth=" + (mode.equals("echo") ? 4 : 1)
                    + " ops=[1-9]\\d* rps=\\d+ p50_us=\\d+ p90_us=\\d+ p99_us=\\d+ p999_us=\\d+ max_us=\\d+ errors=0");
        }
    }

    @Test
    void shouldChurnWholeSessionsWithAndWithoutTls(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.inDirectory(dir);
        TestCertificates.Pair pair = certificates.issue("localhost", 30);
        try (LoopbackServer server = LoopbackServer.start(b -> b.set(Tls.TLS_PORT, 0).set(Tls.TLS_CERT, pair.certificate())
                .set(Tls.TLS_KEY, pair.key()).set(Tls.TLS_RELOAD_INTERVAL, Duration.ZERO)
                .set(Connections.MAX_CONNECTION_RATE, 0))) {
            int tlsPort = server.server().tlsAddresses().get(0).getPort();
            assertThat(run("-p", String.valueOf(tlsPort), "-m", "tls-churn", "-c", "2", "-d", "1", "-w", "0",
                    "--tls-ca", certificates.caCertificate().toString())).isZero();
            assertThat(run("-p", String.valueOf(server.port()), "-m", "socket-churn", "-c", "2", "-d", "1", "-w",
                    "0")).isZero();
            assertThat(text(err)).isEmpty();
            assertThat(text(out)).containsPattern("mode=tls-churn conns=2 depth=1 ops=[1-9]\\d* .* errors=0")
                    .containsPattern("mode=socket-churn conns=2 depth=1 ops=[1-9]\\d* .* errors=0");
            // a TLS session at the plaintext port is wrong every time
            assertThat(run("-p", String.valueOf(server.port()), "-m", "tls-churn", "-c", "1", "-d", "1", "-w", "0",
                    "--tls-ca", certificates.caCertificate().toString())).isEqualTo(1);
        }
    }

    @Test
    void shouldAskForTheCaOfTlsChurn() {
        assertThat(run("-m", "tls-churn", "-d", "1")).isEqualTo(2);
        assertThat(text(err)).isEqualTo("bench: tls-churn needs --tls-ca FILE\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "redis-churn"})
    void shouldDriveAnInlinePingServerAsTheSameThreeSteps(String mode) throws Exception {
        try (InlinePingServer server = new InlinePingServer()) {
            int exit = run("-p", String.valueOf(server.port()), "-m", mode, "-c", "4", "-P", "4", "-d", "1", "-w", "0");
            assertThat(text(err)).isEmpty();
            assertThat(exit).isZero();
            assertThat(text(out)).containsPattern("mode=" + mode + " conns=4 depth=" + (mode.equals("redis") ? 4 : 1)
                    + " ops=[1-9]\\d* .* errors=0");
            if (mode.equals("redis")) {
                assertThat(server.connections()).isEqualTo(4);
                assertThat(server.quits()).isZero();
            } else { // each session ends with QUIT and a new connection takes its place
                assertThat(server.quits()).isPositive();
                assertThat(server.connections()).isGreaterThanOrEqualTo(server.quits());
            }
        }
    }

    @Test
    void shouldNameTheModesWhenGivenAnUnknownOne() {
        assertThat(run("-m", "pong")).isEqualTo(2);
        assertThat(text(err)).contains("expected one of echo, churn, redis, redis-churn, socket-churn, tls-churn but was 'pong'");
    }

    @Test
    void shouldCountWrongRepliesAsErrorsAndExitNonZero() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            int port = server.port();
            // a HELO server answers PING with an error: every reply is wrong
            assertThat(run("-p", String.valueOf(port), "-m", "redis", "-c", "2", "-d", "1", "-w", "0")).isEqualTo(1);
            assertThat(text(out)).containsPattern("ops=0 .* errors=[1-9]");
        }
    }

    @Test
    void shouldRefuseATargetThatIsNotLoopback() {
        assertThat(run("-H", "192.0.2.1", "-d", "1")).isEqualTo(2);
        assertThat(text(err)).contains("192.0.2.1 is not a loopback address");
    }

    private int run(String... args) {
        return LoadGenerator.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
