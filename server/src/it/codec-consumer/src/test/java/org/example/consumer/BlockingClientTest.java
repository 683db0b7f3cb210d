package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helo.codec.ErrorReason;
import io.helo.codec.InvalidRequest;
import io.helo.codec.ParsedRequest;
import io.helo.codec.Request;
import io.helo.codec.RequestParser;
import io.helo.codec.Response;
import io.helo.codec.blocking.HeloClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uses helo-codec as a third party would: its parsers, and its blocking client against the real server. */
class BlockingClientTest {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private Process server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        server = new ProcessBuilder("java", "-jar", System.getProperty("helo.server.jar"), "--port", "0", "--bind",
                "127.0.0.1").redirectErrorStream(true).start();
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        Thread output = new Thread(() -> { // reads the server's output to its end, so that it never blocks
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        bound.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (Exception e) {
                bound.completeExceptionally(e);
            }
            bound.completeExceptionally(new IllegalStateException("the server ended before it listened"));
        });
        output.setDaemon(true);
        output.start();
        port = bound.get(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.destroy();
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
    }

    @Test
    void runsWithTheCodecAloneOnTheClassPath() throws Exception {
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        assertTrue(classPath.stream().noneMatch(entry -> entry.contains("mina") || entry.contains("slf4j")),
                "the codec brings neither MINA nor a logging API: " + classPath);
        String codecJar = classPath.stream().filter(entry -> entry.contains("helo-codec")).findFirst().orElseThrow();
        Process program = new ProcessBuilder("java", "-cp", "target/classes" + File.pathSeparator + codecJar,
                "org.example.consumer.Main", "127.0.0.1", String.valueOf(port)).redirectErrorStream(true).start();
        String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(program.waitFor(60, TimeUnit.SECONDS), "the program ends");
        assertEquals("Hello program, pleased to meet you.\nno MINA here\n127.0.0.1\nSee ya later\n",
                output.replace(System.lineSeparator(), "\n"));
        assertEquals(0, program.exitValue(), output);
    }

    @Test
    void parsesRequestsWithoutAnyServer() {
        assertEquals(new Request.Echo("hi there"), RequestParser.parse("ECHO hi there"));
        ParsedRequest bad = RequestParser.parse("FOO");
        assertEquals(ErrorReason.UNKNOWN_COMMAND, assertInstanceOf(InvalidRequest.class, bad).reason());
    }

    @Test
    void holdsAFullSessionWithTheServer() throws Exception {
        HeloClient.Settings settings = new HeloClient.Settings(Duration.ofSeconds(10), 1024, Duration.ZERO);
        try (HeloClient client = HeloClient.connect(new InetSocketAddress("127.0.0.1", port), settings)) {
            assertEquals(new Response.Greeting("consumer"), client.exchange(new Request.Helo("consumer")));
            assertInstanceOf(Response.CurrentTime.class, client.exchange(new Request.ReqTime()));
            assertInstanceOf(Response.CurrentDate.class, client.exchange(new Request.ReqDate()));
            assertEquals(new Response.Echo("hello from a third party"),
                    client.exchange(new Request.Echo("hello from a third party")));
            assertEquals(new Response.Address("127.0.0.1"), client.exchange(new Request.ReqIp()));
            assertEquals(new Response.Goodbye(), client.exchange(new Request.Bye()));
            assertTrue(client.awaitClose(), "the server closes after BYE");
        }
    }
}
