package io.helo.client;

import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.mina.HeloCodecFactory;
import io.helo.codec.mina.QuietLineEndFilter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/** One client connection over MINA's {@link NioSocketConnector}: typed requests out, a future per reply. */
final class HeloConnection implements AutoCloseable {
    private final NioSocketConnector connector;
    private final IoSession session;
    private final Replies replies;
    private final Duration timeout;
    private final ScheduledExecutorService timer;

    private HeloConnection(NioSocketConnector connector, IoSession session, Replies replies, Duration timeout,
            ScheduledExecutorService timer) {
        this.timer = timer;
        this.connector = connector;
        this.session = session;
        this.replies = replies;
        this.timeout = timeout;
    }

    /** How the client reads replies: the longest line it accepts, and the silence that ends a line (0: never). */
    record ReplyLimits(int maxReplyLength, Duration quietLineEnd) {
    }

    /** Connects to {@code host:port}, waiting at most {@code timeout}. */
    static HeloConnection open(String host, int port, Duration timeout, ReplyLimits limits) throws ClientFailure {
        String where = host + ":" + port;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ClientFailure("cannot connect to " + where + ": unknown host");
        }
        Replies replies = new Replies();
        NioSocketConnector connector = new NioSocketConnector(1);
        connector.setConnectTimeoutMillis(timeout.toMillis());
        connector.getSessionConfig().setTcpNoDelay(true);
        // servers written from the assignment's text often reply without a line end: silence ends the reply
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "helo-client-timer");
            thread.setDaemon(true);
            return thread;
        });
        connector.getFilterChain().addLast("quiet-line-end",
                new QuietLineEndFilter(limits.quietLineEnd(), timer));
        connector.getFilterChain().addLast("codec",
                new ProtocolCodecFilter(HeloCodecFactory.forClient(limits.maxReplyLength())));
        connector.setHandler(replies);
        ConnectFuture connected = connector.connect(address);
        if (!connected.awaitUninterruptibly(timeout.toMillis()) || !connected.isConnected()) {
            Throwable cause = connected.getException();
            connector.dispose();
            timer.shutdownNow();
            throw new ClientFailure("cannot connect to " + where + ": " + describe(cause));
        }
        return new HeloConnection(connector, connected.getSession(), replies, timeout, timer);
    }

    /** Where the connection goes, as the socket sees it. */
    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) session.getRemoteAddress();
    }

    /** Where the connection comes from. */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) session.getLocalAddress();
    }

    /** Sends {@code request} and waits for its reply. */
    Response exchange(Request request) throws ClientFailure {
        CompletableFuture<Response> reply = new CompletableFuture<>();
        replies.pending.add(reply); // before the write, so the reply cannot arrive first
        session.write(request);
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClientFailure("no reply to " + request.command() + " within " + seconds(timeout));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServerClosed) {
                throw new ClientFailure("the server closed the connection before replying to " + request.command());
            }
            throw new ClientFailure(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientFailure("interrupted");
        }
    }

    /** Waits until the server closes the connection; false if it is still open after the timeout. */
    boolean awaitServerClose() {
        return session.getCloseFuture().awaitUninterruptibly(timeout.toMillis());
    }

    @Override
    public void close() {
        session.closeNow().awaitUninterruptibly(timeout.toMillis());
        connector.dispose();
        timer.shutdownNow();
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "timed out";
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return message.contains("refused") ? "connection refused" : message;
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** The connection ended while replies were still awaited. */
    private static final class ServerClosed extends IOException {
        private static final long serialVersionUID = 1L;

        ServerClosed() {
            super("the server closed the connection");
        }
    }

    /** Completes the oldest pending future with each reply; fails them all when the connection breaks. */
    private static final class Replies extends IoHandlerAdapter {
        private final Queue<CompletableFuture<Response>> pending = new ConcurrentLinkedQueue<>();

        @Override
        public void messageReceived(IoSession session, Object message) {
            CompletableFuture<Response> next = pending.poll();
            if (next != null) {
                next.complete((Response) message);
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            failAll(new IOException(message(cause)));
            session.closeNow();
        }

        @Override
        public void sessionClosed(IoSession session) {
            failAll(new ServerClosed());
        }

        private void failAll(IOException failure) {
            for (CompletableFuture<Response> next; (next = pending.poll()) != null; ) {
                next.completeExceptionally(failure);
            }
        }

        private static String message(Throwable cause) {
            if (cause instanceof ProtocolDecoderException) {
                String text = cause.getMessage();
                // MINA appends a hex dump of the input after the message
                int dump = text == null ? -1 : text.indexOf(" (Hexdump:");
                String message = dump < 0 ? String.valueOf(text) : text.substring(0, dump);
                // MINA's words for a line over the decoder's limit
                return message.startsWith("Line is too long") ? "reply line longer than --max-reply-length" : message;
            }
            return "connection error: " + cause.getMessage();
        }
    }
}
