package io.helo.server.transport.tuned;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

class ReadyKeysTest {
    private final ReadyKeys ready = new ReadyKeys();

    @Test
    void shouldCollectWhatASelectFindsReadyAndShowMinaOnlyTheSessionsAmongThem() throws Exception {
        try (Selector selector = Selector.open(); ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listening.configureBlocking(false);
            Object notASession = new Object();
            SelectionKey key = listening.register(selector, SelectionKey.OP_ACCEPT, notASession);
            try (SocketChannel client = SocketChannel.open(listening.getLocalAddress())) {
                int selected = selector.select(ready, 30_000);

                assertThat(selected).isEqualTo(1);
                assertThat(ready.size()).isEqualTo(1);
                assertThat(ready.get(0)).isSameAs(key);
                assertThat(ready.sessions().hasNext()).isFalse();
                assertThat(selector.selectedKeys()).as("the selector's own set is left alone").isEmpty();
                ready.clear();
                assertThat(ready.size()).isZero();
            }
        }
    }
}
