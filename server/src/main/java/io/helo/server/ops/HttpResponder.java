package io.helo.server.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.IoFutureListener;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import io.helo.server.transport.NamedThreads;

/**
 * A tiny HTTP/1.1 server for the operator's endpoint, on MINA, that no client can stall: one non-blocking I/O thread
 * reads every connection's request as it trickles in (no thread waits on a slow client), a request's head must be
 * complete within the header timeout and fit in {@link #MAX_REQUEST} octets, and at the connection cap the oldest
 * connection is closed to make room for the new one (a prompt client, such as a balancer's health check, is done
 * within a millisecond: the oldest is the one stalling), so that a prompt client is always served. Slow answers (a
 * scrape) are made on a thread of their own, at most as many queued as the cap. One request per connection, answered
 * with {@code Connection: close}.
 */
final class HttpResponder implements AutoCloseable {
    /** The longest request head read: a request line and headers, as a scraper or a health checker sends them. */
    static final int MAX_REQUEST = 8192;
    private static final AttributeKey REQUEST = new AttributeKey(HttpResponder.class, "request");

    private final NioSocketAcceptor acceptor;
    private final ExecutorService slowWork;
    private final ScheduledExecutorService timer;
    private final InetSocketAddress address;

    /** A response: status, content type and body. */
    record Response(int status, String contentType, byte[] body) {
        /** A plain text response. */
        static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What a request head said that the routes need. */
    record Request(String method, String path, String accept) {
    }

    /** Answers a request. */
    interface Route {
        /** The response to {@code request}. */
        Response answer(Request request);
    }

    private HttpResponder(NioSocketAcceptor acceptor, ExecutorService slowWork, ScheduledExecutorService timer) {
        this.acceptor = acceptor;
        this.slowWork = slowWork;
        this.timer = timer;
        this.address = (InetSocketAddress) acceptor.getLocalAddress();
    }

    /**
     * Starts listening on {@code address}.
     *
     * @param address where to listen; port 0 picks a free one
     * @param headerTimeout how long a client has, from its connection, to send its whole request head
     * @param maxConnections connections open at once; at the cap the oldest unfinished request is closed
     * @param fast answers requests on the I/O thread (cheap ones, such as a health check)
     * @param slow answers the rest, on {@code slowWork}
     * @param slowPaths the paths {@code slow} answers, on a thread of the responder's own
     * @return the running responder
     * @throws IOException if it cannot listen there
     */
    static HttpResponder start(InetSocketAddress address, Duration headerTimeout, int maxConnections,
            Route fast, Route slow, Set<String> slowPaths) throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                new NamedThreads("helo-metrics-timer-", true));
        ExecutorService slowWork = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxConnections), new NamedThreads("helo-metrics-", true));
        NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(128);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        // a client that takes none of its response is cut as one that sends no request is
        acceptor.getSessionConfig().setWriteTimeout((int) Math.max(1, headerTimeout.toSeconds()));
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionOpened(IoSession session) {
                makeRoom(acceptor, maxConnections, session);
                ScheduledFuture<?> deadline = timer.schedule(() -> {
                    if (session.containsAttribute(REQUEST)) {
                        session.closeNow(); // its request head is not complete in time
                    }
                }, headerTimeout.toMillis(), TimeUnit.MILLISECONDS);
                session.getCloseFuture().addListener(future -> deadline.cancel(false));
                session.setAttribute(REQUEST, IoBuffer.allocate(256).setAutoExpand(true));
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                IoBuffer head = (IoBuffer) session.getAttribute(REQUEST);
                if (head == null) {
                    return; // answered already: what follows the head (a body, a second request) is ignored
                }
                IoBuffer in = (IoBuffer) message;
                if (head.position() + in.remaining() > MAX_REQUEST) {
                    session.removeAttribute(REQUEST);
                    respond(session, Response.text(431, "request head too large\n"));
                    return;
                }
                head.put(in);
                int end = endOfHead(head);
                if (end < 0) {
                    return;
                }
                session.removeAttribute(REQUEST);
                Request request = parse(new String(head.array(), 0, end, StandardCharsets.ISO_8859_1));
                if (request == null) {
                    respond(session, Response.text(400, "bad request\n"));
                } else if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                    respond(session, Response.text(405, "only GET is served here\n"));
                } else if (slowPaths.contains(request.path())) {
                    answerLater(session, request);
                } else {
                    respond(session, request, fast.answer(request));
                }
            }

            private void answerLater(IoSession session, Request request) {
                try {
                    slowWork.execute(() -> {
                        if (!session.isClosing()) {
                            respond(session, request, slow.answer(request));
                        }
                    });
                } catch (RejectedExecutionException e) {
                    respond(session, Response.text(503, "busy\n"));
                }
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                session.closeNow(); // a reset: nothing to say, nothing to log
            }
        });
        try {
            acceptor.bind(address);
        } catch (IOException e) {
            acceptor.dispose(false);
            slowWork.shutdown();
            timer.shutdown();
            throw e;
        }
        return new HttpResponder(acceptor, slowWork, timer);
    }

    /** Where it listens, with its real port. */
    InetSocketAddress address() {
        return address;
    }

    /** Connections open now. */
    int connections() {
        return acceptor.getManagedSessionCount();
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(false);
        slowWork.shutdownNow();
        timer.shutdownNow();
    }

    /** Over the cap: closes the oldest connection other than {@code fresh}. */
    private static void makeRoom(NioSocketAcceptor acceptor, int maxConnections, IoSession fresh) {
        if (acceptor.getManagedSessionCount() <= maxConnections) {
            return;
        }
        acceptor.getManagedSessions().values().stream()
                .filter(session -> session != fresh && !session.isClosing())
                .min(Comparator.comparingLong(IoSession::getCreationTime))
                .ifPresent(IoSession::closeNow);
    }

    /** Where the head ends (after its blank line), or -1 if it has not yet. */
    private static int endOfHead(IoBuffer head) {
        byte[] bytes = head.array();
        for (int i = 0; i < head.position(); i++) {
            if (bytes[i] == '\n' && (i + 1 < head.position() && bytes[i + 1] == '\n'
                    || i + 2 < head.position() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n')) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The method, path and Accept header of a request head, or null if its request line is malformed. */
    static Request parse(String head) {
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.") || !requestLine[1].startsWith("/")) {
            return null;
        }
        String accept = "";
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("accept")) {
                accept = lines[i].substring(colon + 1).trim();
            }
        }
        int query = requestLine[1].indexOf('?');
        return new Request(requestLine[0], query < 0 ? requestLine[1] : requestLine[1].substring(0, query), accept);
    }

    private static void respond(IoSession session, Request request, Response response) {
        respond(session, response, request.method().equals("HEAD"));
    }

    private static void respond(IoSession session, Response response) {
        respond(session, response, false);
    }

    private static void respond(IoSession session, Response response, boolean headOnly) {
        String head = "HTTP/1.1 " + response.status() + " " + reason(response.status()) + "\r\n"
                + "Content-Type: " + response.contentType() + "\r\n"
                + "Content-Length: " + response.body().length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        IoBuffer out = IoBuffer.allocate(headBytes.length + (headOnly ? 0 : response.body().length));
        out.put(headBytes);
        if (!headOnly) {
            out.put(response.body());
        }
        session.write(out.flip()).addListener(IoFutureListener.CLOSE);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
