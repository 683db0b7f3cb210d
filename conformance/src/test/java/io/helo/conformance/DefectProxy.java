package io.helo.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A broken implementation for the checker's tests: a relay in front of a correct server that adds one documented
 * defect, as the many hand-written servers of the assignment do. Each defect changes lines as they pass (or how
 * connections are taken), so the checker must find exactly that defect and nothing else.
 */
final class DefectProxy implements AutoCloseable {
    /** The defects a broken server can have. */
    enum Defect {
        /** Replies end in a bare LF. */
        BARE_LF,
        /** Replies have no line end at all, as many assignment servers send them. */
        NO_LINE_ENDS,
        /** REQTIME answers on a 12-hour clock, {@code 10:11:12 PM}. */
        TWELVE_HOUR_TIME,
        /** REQTIME answers in a zone five and a half hours ahead (India's), as a server in another zone does. */
        ZONE_PLUS_0530,
        /** REQDATE answers {@code 29/01/2014}. */
        DAY_FIRST_DATE,
        /** REQDATE answers a day the calendar does not have, in the right shape: {@code 2014-02-30}. */
        IMPOSSIBLE_DATE,
        /** ECHO trims its text. */
        ECHO_TRIMS,
        /** REQIP answers with the client's port, {@code 127.0.0.1:50123}. */
        REQIP_WITH_PORT,
        /** BYE is answered but the connection stays open (and so after every last line). */
        NEVER_CLOSES,
        /** Commands are accepted before HELO. */
        NO_HELO_RULE,
        /** Only upper-case command names are understood. */
        CASE_SENSITIVE,
        /** An unknown command is answered, then the connection is dropped. */
        DROPS_ON_UNKNOWN,
        /** One client at a time: the next connection is taken only when the last one ended. */
        ONE_AT_A_TIME
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Defect defect;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private DefectProxy(InetSocketAddress upstream, Defect defect) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        this.defect = defect;
        Thread acceptor = new Thread(this::acceptLoop, "defect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay on a free loopback port to the correct server at {@code upstream}, adding {@code defect}. */
    static DefectProxy start(InetSocketAddress upstream, Defect defect) throws IOException {
        return new DefectProxy(upstream, defect);
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        open.set(false);
        listener.close();
    }

    private void acceptLoop() {
        while (open.get()) {
            try {
                Socket client = listener.accept();
                CountDownLatch ended = new CountDownLatch(1);
                Thread session = new Thread(() -> relay(client, ended), "defect-session");
                session.setDaemon(true);
                session.start();
                if (defect == Defect.ONE_AT_A_TIME) {
                    ended.await();
                }
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private void relay(Socket client, CountDownLatch ended) {
        try (client; Socket server = new Socket(upstream.getAddress(), upstream.getPort())) {
            ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
            if (defect == Defect.NO_HELO_RULE) {
                server.getOutputStream().write("HELO proxy\r\n".getBytes(StandardCharsets.US_ASCII));
                requests.add("HELO proxy");
            }
            Thread up = new Thread(() -> forwardRequests(client, server, requests), "defect-up");
            up.setDaemon(true);
            up.start();
            try {
                forwardReplies(server, client, requests);
            } catch (IOException serverGone) {
                // the server closed or reset its side: the client's side is this defect's business
            }
            if (defect == Defect.NEVER_CLOSES) {
                up.join(); // open until the client closes its side, as a server that only reacts to EOF
            }
        } catch (IOException e) {
            // either side went away: the session is over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    private void forwardRequests(Socket client, Socket server, ConcurrentLinkedQueue<String> requests) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    line.write(chunk[i]);
                    if (chunk[i] == '\n') {
                        String text = line.toString(StandardCharsets.UTF_8).replaceAll("\r?\n$", "");
                        if (defect == Defect.CASE_SENSITIVE && !text.split(" ", 2)[0].equals(
                                text.split(" ", 2)[0].toUpperCase(Locale.ROOT))) {
                            text = "NOT-UNDERSTOOD";
                            line.reset();
                            line.writeBytes("NOT-UNDERSTOOD\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        requests.add(text);
                        out.write(line.toByteArray());
                        line.reset();
                    } else if (line.size() >= 4096) { // an endless line goes on as it comes
                        out.write(line.toByteArray());
                        line.reset();
                    }
                }
                out.write(line.toByteArray());
                line.reset();
            }
            server.shutdownOutput();
        } catch (IOException e) {
            drainUntilTheClientCloses(client); // the server went away; a server that never closes still reads
            try {
                server.close(); // the client reset or left: nothing more to relay either way
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void drainUntilTheClientCloses(Socket client) {
        if (defect != Defect.NEVER_CLOSES) {
            return;
        }
        try {
            client.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client went away
        }
    }

    private void forwardReplies(Socket server, Socket client, ConcurrentLinkedQueue<String> requests)
            throws IOException {
        InputStream in = server.getInputStream();
        OutputStream out = client.getOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean swallowGreeting = defect == Defect.NO_HELO_RULE;
        for (int b; (b = in.read()) >= 0; ) {
            line.write(b);
            if (b != '\n') {
                continue;
            }
            String reply = line.toString(StandardCharsets.UTF_8).replaceAll("\r\n$", "");
            line.reset();
            String request = reply.startsWith("ERR line-too-long") || reply.startsWith("ERR unterminated")
                    || reply.startsWith("ERR too-many-errors") ? "" : String.valueOf(requests.poll());
            if (swallowGreeting) {
                swallowGreeting = false;
                continue;
            }
            String end = defect == Defect.BARE_LF ? "\n" : defect == Defect.NO_LINE_ENDS ? "" : "\r\n";
            out.write((change(request, reply) + end)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (defect == Defect.DROPS_ON_UNKNOWN && reply.startsWith("ERR unknown-command")) {
                return;
            }
        }
        if (defect != Defect.NEVER_CLOSES) {
            client.shutdownOutput();
        }
    }

    private String change(String request, String reply) {
        String command = request.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        return switch (defect) {
            case TWELVE_HOUR_TIME -> command.equals("REQTIME") && !reply.startsWith("ERR ")
                    ? LocalTime.parse(reply).format(DateTimeFormatter.ofPattern("hh:mm:ss a", Locale.ROOT)) : reply;
            case ZONE_PLUS_0530 -> command.equals("REQTIME") && !reply.startsWith("ERR ")
                    ? LocalTime.parse(reply).plusMinutes(330).format(DateTimeFormatter.ofPattern("HH:mm:ss")) : reply;
            case DAY_FIRST_DATE -> command.equals("REQDATE") && !reply.startsWith("ERR ")
                    ? LocalDate.parse(reply).format(DateTimeFormatter.ofPattern("dd/MM/yyyy")) : reply;
            case IMPOSSIBLE_DATE -> command.equals("REQDATE") && !reply.startsWith("ERR ")
                    ? LocalDate.parse(reply).getYear() + "-02-30" : reply;
            case ECHO_TRIMS -> command.equals("ECHO") ? reply.strip() : reply;
            case REQIP_WITH_PORT -> command.equals("REQIP") && !reply.startsWith("ERR ") ? reply + ":50123" : reply;
            default -> reply;
        };
    }
}
