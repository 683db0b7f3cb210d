package io.helo.server.transport.tuned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helo.server.transport.AcceptGate;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
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
import org.slf4j.LoggerFactory;

/**
 * Connections accepted by the processors that serve them, on their own threads, and nowhere else once unbound; those
 * the gate refuses answered and closed without a session; out of descriptors, a warning only for real refusals.
 */
class HeloSocketAcceptorTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<Long, Object> processorOf = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> createdOnLoop = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> admittedMark = new ConcurrentHashMap<>();
    private final List<Socket> clients = new ArrayList<>();
    private AcceptGate gate = AcceptGate.NONE;
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

    @Test
    void shouldRefuseWhatTheGateRefusesWithItsLineAndNoSession() throws Exception {
        byte[] line = "ERR rate-limited connecting too often, try again later\r\n".getBytes(StandardCharsets.US_ASCII);
        AcceptGate.Verdict refused = AcceptGate.Verdict.refuse(line);
        InetAddress served = InetAddress.getByName("127.0.0.2");
        gate = (remote, listening) -> remote.getAddress().equals(served) ? AcceptGate.Verdict.ADMITTED : refused;
        InetSocketAddress address = start(2);
        for (int i = 0; i < 20; i++) {
            Socket client = connect(address);
            assertThat(client.getInputStream().readAllBytes()).isEqualTo(line); // the line, then the end of stream
        }
        Socket admitted = new Socket(address.getAddress(), address.getPort(), served, 0);
        clients.add(admitted);
        admitted.setSoTimeout(30_000);
        admitted.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(readLine(admitted.getInputStream())).isEqualTo("ping");
        // no session was ever made for the twenty refused: only the admitted one, marked as admitted
        assertThat(processorOf).hasSize(1);
        assertThat(admittedMark.values()).containsExactly(true);
    }

    @Test
    void shouldWarnOfDescriptorsOnlyWhenAConnectionWasRefusedForLackOfThem() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(HeloSocketAcceptor.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        byte[] busy = "ERR busy\r\n".getBytes(StandardCharsets.US_ASCII);
        int[] refused = {0};
        processors = new HeloProcessors(threads, 1);
        acceptor = new HeloSocketAcceptor(processors, busy, () -> refused[0]++);
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).configureBlocking(false);
            // nothing waits (another processor took it): no connection refused, nothing to warn of
            assertThat(acceptor.refuseWaiting(listening)).isTrue();
            assertThat(log.list).isEmpty();

            Socket waiting = connect((InetSocketAddress) listening.getLocalAddress());
            assertThat(acceptor.refuseWaiting(listening)).isTrue();
            assertThat(waiting.getInputStream().readAllBytes()).isEqualTo(busy);
            assertThat(refused[0]).isEqualTo(1);
            assertThat(log.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .startsWith("out of file descriptors: 1 connection(s) refused with ERR busy"));
        } finally {
            logger.detachAppender(log);
        }
        assertThat(HeloSocketAcceptor.outOfDescriptors(new IOException("Too many open files"))).isTrue();
        assertThat(HeloSocketAcceptor.outOfDescriptors(new IOException("Too many open files in system"))).isTrue();
        assertThat(HeloSocketAcceptor.outOfDescriptors(new IOException("Connection aborted"))).isFalse();
        assertThat(HeloSocketAcceptor.outOfDescriptors(new IOException())).isFalse();
    }

    private InetSocketAddress start(int processorCount) throws IOException {
        processors = new HeloProcessors(threads, processorCount);
        acceptor = new HeloSocketAcceptor(processors, new byte[0], () -> { });
        acceptor.gate(gate);
        acceptor.setCloseOnDeactivation(false);
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionCreated(IoSession session) {
                processorOf.put(session.getId(), ((AbstractIoSession) session)
                        .getProcessor());
                createdOnLoop.put(session.getId(), HeloNioProcessor.isLoopThread());
                admittedMark.put(session.getId(), session.containsAttribute(AcceptGate.ADMITTED));
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
