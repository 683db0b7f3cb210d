package io.helo.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Log lines count as dropped exactly when they were: never while the appender's worker is still writing them. */
class LogDropsTest {
    private final LoggerContext context = new LoggerContext();
    private final Semaphore writes = new Semaphore(0);
    private final AtomicInteger entered = new AtomicInteger();
    private final AtomicInteger written = new AtomicInteger();
    private final Logger logger = context.getLogger("test");

    /** A log output that writes one event per permit: a console that has not caught up. */
    private final AppenderBase<ILoggingEvent> gatedOutput = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            entered.incrementAndGet();
            writes.acquireUninterruptibly();
            written.incrementAndGet();
        }
    };

    private AsyncAppender asyncAppender(int queueSize) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        gatedOutput.setContext(context);
        gatedOutput.start();
        AsyncAppender async = new AsyncAppender(); // as the shipped logback.xml sets it up
        async.setContext(context);
        async.setQueueSize(queueSize);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(gatedOutput);
        async.start();
        logger.addAppender(async);
        return async;
    }

    @Test
    void shouldNotCountLinesTheWorkerHasTakenButNotYetWrittenAsDropped() {
        asyncAppender(64);
        List<LongSupplier> dropped = AsyncAppenderTurnAway.countAsyncAppenders(context);
        logger.info("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 1); // the worker is writing "first"
        for (int i = 0; i < 9; i++) {
            logger.info("queued {}", i);
        }
        writes.release(); // "first" written; the worker takes the nine queued lines at once and writes the first
        await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == 2);

        assertThat(dropped).singleElement().extracting(LongSupplier::getAsLong).isEqualTo(0L);
        writes.release(100);
    }

    @Test
    void shouldCountExactlyTheLinesThatWereNeverWritten() {
        AsyncAppender async = asyncAppender(64);
        List<LongSupplier> dropped = AsyncAppenderTurnAway.countAsyncAppenders(context);
        int lines = 1_000;
        for (int i = 0; i < lines; i++) {
            logger.info("line {}", i);
        }
        writes.release(lines);
        async.stop(); // waits for the worker to write what it holds

        long droppedLines = dropped.get(0).getAsLong();
        // the queue holds up to 64, and the worker, stalled in its first write, what it took from the queue before
        assertThat(droppedLines).isGreaterThanOrEqualTo(lines - 2L * 64);
        assertThat(written.get() + droppedLines).as("every line written or counted, none both").isEqualTo(lines);
    }
}
