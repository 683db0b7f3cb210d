package io.helo.server.session;

import io.helo.server.config.Limits;
import io.helo.server.config.Logging;
import io.helo.server.config.Timeouts;
import io.helo.codec.LineFramer;
import io.helo.server.ServerConfig;
import io.helo.server.admission.Admission;
import io.helo.server.ops.Counters;
import io.helo.server.ops.LogRate;
import io.helo.server.transport.DirectWriter;
import io.helo.server.transport.FlowControl;
import io.helo.server.transport.MinaParts;
import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.apache.mina.core.session.IoSession;

/**
 * What every connection of one server shares: its limits and timeouts, the admission, counters and flow control it
 * reports to, the timer, and the reusable tools of its I/O threads.
 */
public final class SessionContext {
    private final ServerConfig config;
    private final Admission admission;
    private final Counters counters;
    private final FlowControl flow;
    private final ScheduledExecutorService timer;
    private final Function<IoSession, Transport> transports;
    private final LogRate logRate;
    private final ClockReplies clock;
    private final DirectWriter directWriter;
    private final ThreadLocal<ReplyBatch> batches;
    private final long idleTimeoutMillis;
    private final long writeTimeoutMillis;
    private final long lingerNanos;
    private final long quietNanos;

    /**
     * The context of the sessions of a server configured by {@code config}.
     *
     * @param config the limits, timeouts and clock of the server
     * @param admission decides which sessions are served
     * @param counters counts the sessions, requests and errors
     * @param flow pauses and resumes reading for the octets held
     * @param timer times the lingering close and the quiet period
     * @param transports what the port of each new session changes for it
     */
    public SessionContext(ServerConfig config, Admission admission, Counters counters, FlowControl flow,
            ScheduledExecutorService timer, Function<IoSession, Transport> transports) {
        this.config = config;
        this.admission = admission;
        this.counters = counters;
        this.flow = flow;
        this.timer = timer;
        this.transports = transports;
        this.logRate = new LogRate(config.get(Logging.LOG_RATE));
        this.clock = new ClockReplies(config.clock());
        this.directWriter = MinaParts.of(config.minaUse()).directWriter(counters::directWrite);
        int budget = config.get(Limits.MAX_READ);
        this.batches = ThreadLocal.withInitial(() -> new ReplyBatch(budget));
        this.idleTimeoutMillis = config.get(Timeouts.IDLE_TIMEOUT).toMillis();
        this.writeTimeoutMillis = config.get(Timeouts.WRITE_TIMEOUT).toMillis();
        this.lingerNanos = config.get(Timeouts.LINGER_TIMEOUT).toNanos();
        this.quietNanos = config.get(Timeouts.QUIET_LINE_END).toNanos();
    }

    /**
     * The rate of the per-connection log lines, whose excess a periodic task summarises.
     *
     * @return the server's log rate
     */
    public LogRate logRate() {
        return logRate;
    }

    long idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    long writeTimeoutMillis() {
        return writeTimeoutMillis;
    }

    long lingerNanos() {
        return lingerNanos;
    }

    long quietNanos() {
        return quietNanos;
    }

    int maxDiscard() {
        return config.get(Limits.MAX_DISCARD);
    }

    Admission admission() {
        return admission;
    }

    Counters counters() {
        return counters;
    }

    FlowControl flow() {
        return flow;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    DirectWriter directWriter() {
        return directWriter;
    }

    /** What the port of a new session changes for it. */
    Transport transportOf(IoSession session) {
        return transports.apply(session);
    }

    /** A new conversation with the client at {@code address}. */
    Conversation conversation(InetAddress address) {
        return new Conversation(address, clock, config.get(Limits.MAX_ERRORS), counters::errorReplied);
    }

    /** A new framer of a session's input. */
    LineFramer framer() {
        return new LineFramer(config.get(Limits.MAX_LINE_LENGTH), config.get(Limits.MAX_DISCARD));
    }

    /** The calling thread's batch of replies. */
    ReplyBatch batch() {
        return batches.get();
    }
}
