package io.helo.server.transport.tuned;

import io.helo.server.config.Connections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helo.server.testing.LoopbackServer;
import io.helo.server.testing.WireClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeloNioProcessorTest {
    /** A select that is not woken up waits this long: far past the test's own timeout. */
    private static final long ASLEEP_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private HeloNioProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.dispose();
        }
        loop.shutdownNow();
    }

    @Test
    void shouldWakeUpFromAnotherThreadWhetherTheLoopSelectsYetOrNot() throws Exception {
        processor = new HeloNioProcessor(loop);
        // the wake-up lands before, during or after the loop's entry into select: each must end that select
        for (int i = 0; i < 2_000; i++) {
            CompletableFuture<Integer> selecting = CompletableFuture.supplyAsync(() -> select(processor), loop);
            processor.wakeup();
            assertThat(selecting.get(30, TimeUnit.SECONDS)).as("select %d", i).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void shouldNotSleepAfterAWakeUpAskedByTheLoopItself() throws Exception {
        processor = new HeloNioProcessor(loop);
        CompletableFuture<Integer> selecting = CompletableFuture.supplyAsync(() -> {
            select(processor); // makes this thread the loop
            return 0;
        }, loop).thenApplyAsync(ignored -> {
            processor.wakeup(); // as a write or a resumed read made by the loop's own thread does
            return select(processor);
        }, loop);
        processor.wakeup(); // ends the first select
        assertThat(selecting.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldReleaseTheDescriptorOfEverySessionItCloses() throws Exception {
        // 300 sessions from one address in a second or two: no rate limit, the descriptors are under test
        try (LoopbackServer server = LoopbackServer.start(b -> b.set(Connections.MAX_CONNECTION_RATE, 0))) {
            long before = openDescriptors();
            for (int i = 0; i < 300; i++) {
                try (WireClient client = new WireClient(server.address())) {
                    client.send("HELO x\r\nBYE\r\n").expect("Hello x, pleased to meet you.").expect("See ya later")
                            .expectEndOfStream();
                }
            }
            // the server closes a channel just after the select that deregisters it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(openDescriptors())
                    .isLessThanOrEqualTo(before + 2));
        }
    }

    private static int select(HeloNioProcessor processor) {
        try {
            return processor.select(ASLEEP_MILLIS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}
