package io.helo.server.ops;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.server.ServerCounters;
import io.helo.server.admission.Admission;
import io.helo.server.admission.Refusal;
import io.helo.server.transport.FlowControl;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.IoSession;

/**
 * The server's counters, updated without contention from every I/O thread, and its gauges, read from MINA and
 * the admission limits when asked.
 */
public final class Counters implements ServerCounters {
    private final IoService service;
    private final Admission admission;
    private final FlowControl flow;
    private final LongAdder connections = new LongAdder();
    private final LongAdder directWrites = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Map<Command, LongAdder> byCommand = new EnumMap<>(Command.class);
    private final LongAdder invalidLines = new LongAdder();
    private final Map<ErrorReason, LongAdder> errors = new EnumMap<>(ErrorReason.class);
    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);

    /**
     * Counters for the sessions of {@code service}, admitted by {@code admission}, paced by {@code flow}.
     *
     * @param service the acceptor whose sessions and I/O statistics are read
     * @param admission the admission whose counts are read
     * @param flow the flow control whose held octets are read
     */
    public Counters(IoService service, Admission admission, FlowControl flow) {
        this.service = service;
        this.admission = admission;
        this.flow = flow;
        for (Command command : Command.values()) {
            byCommand.put(command, new LongAdder());
        }
        for (ErrorReason reason : ErrorReason.values()) {
            errors.put(reason, new LongAdder());
        }
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, new LongAdder());
        }
    }

    /** Counts a connection admitted for service. */
    public void connectionAccepted() {
        connections.increment();
    }

    /**
     * Counts a connection refused for {@code why}.
     *
     * @param why the reason for the refusal
     */
    public void connectionRefused(Refusal why) {
        refusals.get(why).increment();
    }

    /**
     * Counts {@code count} answered lines that were the request {@code command}.
     *
     * @param command the command of the requests
     * @param count the number of lines answered
     */
    public void requestsAnswered(Command command, int count) {
        requests.add(count);
        byCommand.get(command).add(count);
    }

    /**
     * Counts {@code count} answered lines that were not valid requests.
     *
     * @param count the number of lines answered
     */
    public void invalidLinesAnswered(int count) {
        requests.add(count);
        invalidLines.add(count);
    }

    /** Counts a write made straight to a socket, past MINA's write queue (which counts its own). */
    public void directWrite() {
        directWrites.increment();
    }

    /**
     * Counts one error reply sent for {@code reason}.
     *
     * @param reason the reason of the error reply
     */
    public void errorReplied(ErrorReason reason) {
        errors.get(reason).increment();
    }

    @Override
    public int currentConnections() {
        return admission.connections();
    }

    @Override
    public long totalConnections() {
        return connections.sum();
    }

    @Override
    public long requests() {
        return requests.sum();
    }

    @Override
    public Map<String, Long> requestsByCommand() {
        Map<String, Long> counts = new LinkedHashMap<>();
        byCommand.forEach((command, count) -> counts.put(command.name(), count.sum()));
        counts.put("invalid", invalidLines.sum());
        return counts;
    }

    @Override
    public Map<String, Long> errorsByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        errors.forEach((reason, count) -> counts.put(reason.token(), count.sum()));
        return counts;
    }

    @Override
    public Map<String, Long> refusedByReason() {
        Map<String, Long> counts = new LinkedHashMap<>();
        refusals.forEach((refusal, count) -> counts.put(refusal.token(), count.sum()));
        return counts;
    }

    @Override
    public long bytesIn() {
        return service.getStatistics().getReadBytes();
    }

    @Override
    public long bytesOut() {
        return service.getStatistics().getWrittenBytes();
    }

    @Override
    public long writes() {
        return service.getStatistics().getWrittenMessages() + directWrites.sum();
    }

    @Override
    public int clientAddresses() {
        return admission.addresses();
    }

    @Override
    public long rateClientsForgotten() {
        return admission.rateClientsEvicted();
    }

    @Override
    public int pausedConnections() {
        int count = 0;
        for (IoSession session : service.getManagedSessions().values()) {
            count += session.isReadSuspended() ? 1 : 0;
        }
        return count;
    }

    @Override
    public long largestUnsentBytes() {
        long max = 0;
        for (IoSession session : service.getManagedSessions().values()) {
            max = Math.max(max, session.getScheduledWriteBytes());
        }
        return max;
    }

    @Override
    public long heldBytes() {
        return flow.held();
    }

    @Override
    public long logLinesDropped() {
        return DroppedLogLines.dropped();
    }
}
