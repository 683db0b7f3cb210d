package io.helo.server.transport.tuned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections accepted by the processors that serve them, on their own threads, and nowhere else once unbound. */
class HeloSocketAcceptorTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<Long, Object> processorOf = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> createdOnLoop = new ConcurrentHashMap<>();
    private final List<Socket> clients = new ArrayList<>();
    private HeloProcessors processors;
    private HeloSocketAcceptor acceptor;

    @AfterEach
    void stop() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        if (acceptor != null) {
            acceptor.dispose(true);
        }
        if (processors != null) {
            processors.dispose();
        }
        threads.shutdownNow();
    }

    @Test
    void shouldServeEachConnectionOnTheProcessorThatAcceptedIt() throws Exception {
        InetSocketAddress address = start(2);
        for (int i = 0; i < 20; i++) {
            Socket client = connect(address);
            client.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(client.getInputStream())).isEqualTo("ping");
        }
        assertThat(processorOf).hasSize(20);
        assertThat(processorOf.values()).allMatch(processor -> processors.all().contains(processor));
        assertThat(createdOnLoop.values()).containsOnly(true);
    }

    @Test
    void shouldRefuseConnectionsOnceUnbound() throws Exception {
        InetSocketAddress address = start(1);
        Socket served = connect(address);
        await().atMost(Duration.ofSeconds(30)).until(() -> processorOf.size() == 1); // accepted, not in the backlog
        acceptor.unbind();
        // the socket closes once no selector holds it: MINA's acceptor's and the processor's each let go at their
        // next select, which the unbind wakes up
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> connect(address))
                .isInstanceOf(ConnectException.class));
        served.getOutputStream().write("still here\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(readLine(served.getInputStream())).isEqualTo("still here");
    }

    private InetSocketAddress start(int processorCount) throws IOException {
        processors = new HeloProcessors(threads, processorCount);
        acceptor = new HeloSocketAcceptor(processors, new byte[0], () -> { });
        acceptor.setCloseOnDeactivation(false);
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionCreated(IoSession session) {
                processorOf.put(session.getId(), ((AbstractIoSession) session)
                        .getProcessor());
                createdOnLoop.put(session.getId(), HeloNioProcessor.isLoopThread());
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                session.write(((IoBuffer) message).duplicate()); // an echo of each read
            }
        });
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return acceptor.getLocalAddress();
    }

    private Socket connect(InetSocketAddress address) throws IOException {
        Socket client = new Socket(address.getAddress(), address.getPort());
        client.setSoTimeout(30_000);
        clients.add(client);
        return client;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("end of stream after " + line);
            }
            line.append((char) c);
        }
        return line.toString();
    }
}
