package io.helo.server.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * The filter that turns log events away from a Logback asynchronous appender whose queue is nearly full, and counts
 * them: the Logback side of {@link DroppedLogLines}. An appender that never blocks drops an event silently when its
 * queue is full, and counting from outside (what went in, less what came out, less what waits) mistakes the events
 * its worker has taken but not yet written for dropped ones. So the dropping is done here instead, where it can be
 * counted exactly: a filter put first on each such appender turns an event away, and counts it, once no more than
 * a headroom of free places is left, which keeps the appender's own silent drop from ever happening.
 */
final class AsyncAppenderTurnAway {
    private AsyncAppenderTurnAway() {
    }

    /** Counters on every asynchronous appender of the current Logback configuration (none under another binding). */
    static List<LongSupplier> countAsyncAppenders() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            return countAsyncAppenders(context);
        }
        return List.of();
    }

    /** Counters on every asynchronous appender of {@code context}, each counting the events turned away from it. */
    @SuppressWarnings("unchecked")
    static List<LongSupplier> countAsyncAppenders(LoggerContext context) {
        List<LongSupplier> counted = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof AsyncAppenderBase<?> async && !seen.contains(async)) {
                    seen.add(async);
                    TurnAway turnAway = new TurnAway((AsyncAppenderBase<ILoggingEvent>) async);
                    putFirst(turnAway.appender, turnAway);
                    counted.add(turnAway.dropped::sum);
                }
            }
        }
        return counted;
    }

    /** Puts {@code filter} before the appender's own filters, in place of one put there before. */
    private static void putFirst(AsyncAppenderBase<ILoggingEvent> appender, Filter<ILoggingEvent> filter) {
        List<Filter<ILoggingEvent>> filters = appender.getCopyOfAttachedFiltersList();
        filters.removeIf(TurnAway.class::isInstance);
        appender.clearAllFilters();
        appender.addFilter(filter);
        filters.forEach(appender::addFilter);
        filter.start();
    }

    /** Drops, and counts, what the appender would drop: on a nearly full queue, or under its discarding threshold. */
    private static final class TurnAway extends Filter<ILoggingEvent> {
        /** Free places kept for events already past this filter on other threads, so the queue never overflows. */
        private final int headroom;
        private final AsyncAppenderBase<ILoggingEvent> appender;
        private final LongAdder dropped = new LongAdder();

        TurnAway(AsyncAppenderBase<ILoggingEvent> appender) {
            this.appender = appender;
            this.headroom = Math.max(1, appender.getQueueSize() / 16);
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            int free = appender.getRemainingCapacity();
            boolean full = appender.isNeverBlock() && free <= headroom;
            boolean discarded = free < appender.getDiscardingThreshold() && event.getLevel().toInt() <= Level.INFO_INT;
            if (full || discarded) {
                dropped.increment();
                return FilterReply.DENY;
            }
            return FilterReply.NEUTRAL;
        }
    }
}
