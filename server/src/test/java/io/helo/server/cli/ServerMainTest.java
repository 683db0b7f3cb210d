package io.helo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldExitWithOneLineWhenThePortIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int exit = run("--bind", "127.0.0.1", "--port", String.valueOf(port));
            assertThat(exit).isEqualTo(1);
            assertThat(text(err)).isEqualTo("server: cannot listen on 127.0.0.1:" + port + ": address already in use\n");
        }
    }

    @Test
    void shouldRejectUnknownOptionsInOneLineWithAHint() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(text(err)).isEqualTo("server: Unknown option: '--bogus'\nTry 'server --help' for more information.\n");
    }

    @Test
    void shouldListEveryOptionWithItsDefault() {
        assertThat(run("--help")).isZero();
        assertThat(text(out)).contains("--port=<port>", "Default: 8008", "--bind=ADDRESS", "Default: *",
                "--max-line-length=OCTETS", "Default: 1000", "--verbose", "--version", "Exit status:",
                "0   stopped by SIGTERM or Ctrl-C", "2   invalid options", "3   a fatal JVM error");
    }

    @Test
    void shouldPrintTheBuildVersion() {
        assertThat(run("--version")).isZero();
        assertThat(text(out)).matches("HELO server \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
    }

    @Test
    void shouldRefuseAMaxLineLengthTooSmallForAnyCommand() {
        assertThat(run("--port", "0", "--max-line-length", "3")).isEqualTo(2);
        assertThat(text(err)).startsWith("server: --max-line-length must be between 16 and 1048576: 3")
                .endsWith("\nTry 'server --help' for more information.\n");
    }

    @Test
    void shouldRefuseANegativeNumberOfIoThreadsRatherThanTakeItForTheDefault() {
        assertThat(run("--port", "0", "--io-threads", "-1")).isEqualTo(2);
        assertThat(text(err)).isEqualTo("server: --io-threads must be between 1 and 256: -1\n"
                + "Try 'server --help' for more information.\n");
    }

    @Test
    void shouldSayInOneLineWhichCertificateFileIsMissingAndExitWithStatusTwo() {
        assertThat(run("--port", "0", "--tls-port", "0", "--tls-cert", "/nonexistent/fullchain.pem", "--tls-key",
                "/nonexistent/privkey.pem")).isEqualTo(2);
        assertThat(text(err)).isEqualTo("server: --tls-cert /nonexistent/fullchain.pem: no such file\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--tls-port=0                     | server: --tls-port needs --tls-cert FILE and --tls-key FILE",
        "--tls-cert=cert.pem              | server: --tls-cert and --tls-key need --tls-port",
        "--tls-port=70000                 | server: --tls-port must be between 0 and 65535: 70000",
        "--drain-timeout=9999999999999    | server: --drain-timeout must be between 0 s and 86400 s: 9999999999999 s",
        "--idle-timeout=9999999999999     | server: --idle-timeout must be between 1 s and 86400 s: 9999999999999 s",
        "--linger-timeout=9999999999999   | server: --linger-timeout must be between 0 s and 3600 s: 9999999999999 s",
        "--io-threads=100000              | server: --io-threads must be between 1 and 256: 100000",
        "--max-connections=0              | server: --max-connections must be between 1 and 1000000: 0",
        "--max-connections=9999999999999  | server: Invalid value for option '--max-connections': '9999999999999' is not an int",
        "--quiet-line-end=-1              | server: --quiet-line-end must be between 0 s and 10 s: -1 ms",
        "--max-held-bytes=1               | server: --max-held-bytes must be between 65536 and 4611686018427387903: 1",
        "--log-rate=-5                    | server: --log-rate must be between 0 and 1000000: -5",
        "--proxy-protocol-from=proxy.lan  | server: not an IP address range: proxy.lan",
    })
    void shouldRefuseAbsurdValuesInOneLineWithExitStatusTwo(String option, String message) {
        assertThat(run("--port", "0", option)).isEqualTo(2);
        assertThat(text(err)).isEqualTo(message + "\nTry 'server --help' for more information.\n");
    }

    private int run(String... args) {
        return ServerMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

}
