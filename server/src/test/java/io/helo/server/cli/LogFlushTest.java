package io.helo.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The last lines queued in an asynchronous appender are written before the server's JVM exits. */
class LogFlushTest {
    private static final int LINES = 5_000;

    @Test
    void shouldWriteEveryQueuedLineBeforeReturning() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        CountDownLatch outputBlocked = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> slowOutput = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                try {
                    outputBlocked.await(10, TimeUnit.SECONDS); // a console that has not caught up yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.add(event.getFormattedMessage());
            }
        };
        slowOutput.setContext(context);
        slowOutput.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setQueueSize(LINES * 2); // room for every line: none is dropped, each waits in the queue or the worker
        async.setDiscardingThreshold(0);
        async.setMaxFlushTime(60_000); // what is tested is that the flush waits, not how fast a loaded machine drains
        async.addAppender(slowOutput);
        async.start();
        Logger logger = context.getLogger("test");
        logger.addAppender(async);
        for (int i = 0; i < LINES; i++) {
            logger.info("line {}", i);
        }
        assertThat(written).as("nothing written while the output is blocked").isEmpty();
        outputBlocked.countDown();

        LogFlush.flush(context);

        assertThat(written).hasSize(LINES).endsWith("line " + (LINES - 1));
    }
}
