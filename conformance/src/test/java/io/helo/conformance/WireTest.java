package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reply's time counts from the request, whatever drips in; an endless reply is read only up to the cap. */
class WireTest {
    private ServerSocket listener;

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    @Test
    void shouldGiveUpOnADripFedReplyWhenItsTimeIsUpFromTheRequest() throws Exception {
        serve((in, out) -> { // the defect under test: a server that drips an octet every 100 ms, never a line end
            CountDownLatch tenSecondsOfOctets = new CountDownLatch(100);
            ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
            try {
                drip.scheduleAtFixedRate(() -> {
                    try {
                        out.write('x');
                        out.flush();
                        tenSecondsOfOctets.countDown();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // the checker closed: no more drips
                    }
                }, 0, 100, TimeUnit.MILLISECONDS);
                tenSecondsOfOctets.await(60, TimeUnit.SECONDS); // then the connection closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                drip.shutdownNow();
            }
        });

        // with a time counted from the last octet, the reader would see the end of the stream after 10 s instead
        try (Wire wire = open(Duration.ofMillis(1000))) {
            assertThatThrownBy(() -> wire.ask("HELO checker\r\n")).isInstanceOf(Wire.NoReplyException.class)
                    .hasMessageStartingWith("no complete reply within 1 s: \"xxx").hasMessageEndingWith("\" so far, still"
                            + " without a line end");
        }
    }

    @Test
    void shouldTakeALineWithoutEndAfterTheQuietPeriod() throws Exception {
        serve((in, out) -> {
            out.write("See ya later".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.transferTo(OutputStream.nullOutputStream()); // silence, the connection open until the checker closes
        });

        try (Wire wire = open(Duration.ofSeconds(3))) {
            assertThat(wire.ask("BYE\r\n")).isEqualTo(new Wire.Line("See ya later", Wire.Line.SILENCE));
        }
    }

    @Test
    void shouldFailAnEndlessReplyAfterTheCapQuotingItsFirstOctets() throws Exception {
        serve((in, out) -> {
            byte[] chunk = "y".repeat(65536).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1024; i++) { // 64 MiB
                out.write(chunk);
            }
        });

        try (Wire wire = open(Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> wire.ask("HELO checker\r\n")).isInstanceOf(ReplyReader.TooLongException.class)
                    .hasMessageStartingWith("a reply of more than 65536 octets without a line end: \"yyyyy");
        }
    }

    private Wire open(Duration timeout) throws IOException {
        return Wire.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), timeout,
                Duration.ofMillis(500));
    }

    /** A one-connection server that answers with {@code replies}. */
    private void serve(Replies replies) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                replies.write(socket.getInputStream(), socket.getOutputStream());
            } catch (IOException e) {
                // the checker closed: the test is over
            }
        }, "test-server");
        server.setDaemon(true);
        server.start();
    }

    @FunctionalInterface
    private interface Replies {
        void write(InputStream in, OutputStream out) throws IOException;
    }
}
