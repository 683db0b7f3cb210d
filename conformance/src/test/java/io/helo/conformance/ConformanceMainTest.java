package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.testing.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The checker as a user runs it: exit statuses, one-line usage errors, and a complete report whatever the server. */
class ConformanceMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : started) {
            c.close();
        }
    }

    @Test
    void shouldExitZeroForThisServer() throws Exception {
        LoopbackServer server = LoopbackServer.start();
        started.add(server);

        assertThat(run("server", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--skip-slow"))
                .isZero();
        assertThat(out()).contains("conforms (every MUST passed)").contains("  pass    MUST   server/5.1/greeting");
    }

    @Test
    void shouldRunTheSlowCaseOnlyWhenAskedFor() throws Exception {
        LoopbackServer server = LoopbackServer.start();
        started.add(server);

        assertThat(run("server", "--host", "127.0.0.1", "--port", String.valueOf(server.port()))).isZero();
        assertThat(out()).contains("  skipped SHOULD server/7/idle-timeout  (slow: waits for a timeout of the"
                + " implementation; --slow runs it)\n");
        assertThat(err()).doesNotContain("idle-timeout");
    }

    @Test
    void shouldExitOneWhenAMustFails() throws Exception {
        LoopbackServer server = LoopbackServer.start();
        started.add(server);
        DefectProxy broken = DefectProxy.start(server.address(), DefectProxy.Defect.BARE_LF);
        started.add(broken);

        assertThat(run("server", "--host", "127.0.0.1", "--port", String.valueOf(broken.port()), "--skip-slow"))
                .isEqualTo(1);
        assertThat(out()).startsWith("Not passed:\n  fail    MUST   server/2/reply-crlf\n"
                + "        the reply to \"HELO checker\\r\\n\" is \"Hello checker, pleased to meet you.\\n\": a bare LF\n"
                + "        requirement: MUST (PROTOCOL.md 2): Every reply is exactly one line ending in CRLF. Servers MUST"
                + " NOT send a bare LF.\n"
                + "        hint: end every reply with CR LF (\"\\r\\n\"); print(), println() and readline-style writers"
                + " end lines with a bare LF\n"
                + "        " + Feedback.EXCHANGE + "\n"
                + "          1= connected to 127.0.0.1:" + broken.port() + "\n"
                + "          1> \"HELO checker\\r\\n\"\n"
                + "          1< \"Hello checker, pleased to meet you.\\n\"\n"
                + "        re-run: java -jar conformance.jar server --host 127.0.0.1 --port " + broken.port()
                + " --skip-slow --case server/2/reply-crlf\n");
    }

    @Test
    void shouldExitTwoWhenNothingListens() throws Exception {
        assertThat(run("server", "--host", "127.0.0.1", "--port", String.valueOf(freePort()))).isEqualTo(2);
        assertThat(err()).startsWith("conformance: cannot connect to 127.0.0.1:");
        assertThat(out()).isEmpty();
    }

    @Test
    void shouldExitTwoWithOneLineAndAHintForABadOption() {
        assertThat(run("server", "--bogus")).isEqualTo(2);
        assertThat(err()).isEqualTo("conformance: Unknown option: '--bogus'\n"
                + "Try 'conformance server --help' for more information.\n");
    }

    @Test
    void shouldNameItselfAsInstalledInItsUsageAndMessages() {
        System.setProperty(ConformanceMain.PROGRAM_PROPERTY, "helo-conformance"); // as the installed launcher does
        try {
            assertThat(run("server", "--bogus")).isEqualTo(2);
            assertThat(run("server", "--exclude", "server/2/utf8")).isEqualTo(2);
            assertThat(run("client")).isEqualTo(2);
            assertThat(run("--help")).isZero();
        } finally {
            System.clearProperty(ConformanceMain.PROGRAM_PROPERTY);
        }
        assertThat(err()).isEqualTo("helo-conformance: Unknown option: '--bogus'\n"
                + "Try 'helo-conformance server --help' for more information.\n"
                + "helo-conformance: every --exclude needs its --reason (1 --exclude, 0 --reason)\n"
                + "helo-conformance: client mode needs the client to start, after --, e.g. -- python3 client.py\n"
                + "Try 'helo-conformance client --help' for more information.\n");
        assertThat(out()).startsWith("Usage: helo-conformance [-hV] [COMMAND]\n");
    }

    @Test
    void shouldRefuseAnExclusionWithoutAReason() {
        assertThat(run("server", "--exclude", "server/2/utf8")).isEqualTo(2);
        assertThat(err()).isEqualTo("conformance: every --exclude needs its --reason (1 --exclude, 0 --reason)\n");
    }

    @Test
    void shouldListTheCatalogueWithTheAssignmentCases() {
        assertThat(run("server", "--list")).isZero();
        assertThat(out()).contains("| `server/2/reply-crlf` | MUST | beyond | 2 |")
                .contains("| `server/assignment/port-8008` (profile-assignment) | MUST | MUST | assignment |");
    }

    @Test
    void shouldGiveEveryCaseAnOutcomeAgainstAServerThatNeverAnswers() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        started.add(silent);
        List<Socket> held = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept()); // accepted, never read, never answered
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();

        int status = run("server", "--host", "127.0.0.1", "--port", String.valueOf(silent.getLocalPort()),
                "--timeout", "0.2", "--skip-slow");

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains("server 127.0.0.1:" + silent.getLocalPort() + ": 56 cases:")
                .contains("  fail    MUST   server/5.1/greeting\n        no reply within 0.2 s");
    }

    @Test
    void shouldGiveEveryCaseAnOutcomeAgainstAServerThatClosesAtOnce() throws Exception {
        ServerSocket closing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        started.add(closing);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    closing.accept().close();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();

        int status = run("server", "--host", "127.0.0.1", "--port", String.valueOf(closing.getLocalPort()),
                "--timeout", "0.2", "--skip-slow");

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains(": 56 cases: 0 pass").contains("  fail    MUST   server/5.6/goodbye\n"
                + "        the connection was closed instead of a reply");
    }

    private int run(String... args) {
        return ConformanceMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
