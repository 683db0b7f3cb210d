package io.helo.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.MinaUse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The switch: stock MINA is MINA's own classes and no direct write; tuned is none of them. */
class MinaPartsTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void shouldRunOnMinasOwnClassesAndWriteOnlyThroughItsQueueWhenStock() {
        MinaParts stock = MinaParts.of(MinaUse.STOCK);
        IoProcessor<NioSession> processors = stock.processors(threads, 1);
        NioSocketAcceptor acceptor = stock.acceptor(processors, new byte[0], () -> { });
        try {
            assertThat(stock.processorType()).isEqualTo(NioProcessor.class);
            assertThat(acceptor.getClass()).isEqualTo(NioSocketAcceptor.class);
            assertThat(stock.directWriter(() -> { })).isSameAs(DirectWriter.NONE);
        } finally {
            acceptor.dispose();
            processors.dispose();
        }
    }

    @Test
    void shouldRunOnTheTunedPartsByDefault() {
        MinaParts tuned = MinaParts.of(MinaUse.TUNED);
        IoProcessor<NioSession> processors = tuned.processors(threads, 1);
        NioSocketAcceptor acceptor = tuned.acceptor(processors, new byte[0], () -> { });
        try {
            assertThat(tuned.processorType()).isNotEqualTo(NioProcessor.class);
            assertThat(acceptor.getClass()).isNotEqualTo(NioSocketAcceptor.class);
            assertThat(tuned.directWriter(() -> { })).isNotSameAs(DirectWriter.NONE);
        } finally {
            acceptor.dispose();
            processors.dispose();
        }
    }
}
