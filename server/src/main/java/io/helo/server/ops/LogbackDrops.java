package io.helo.server.ops;

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

/** The Logback side of {@link LogDrops}: counters on the way into and out of each asynchronous appender. */
final class LogbackDrops {
    private LogbackDrops() {
    }

    /** One asynchronous appender, with counters on its way in and its way out. */
    private record Counted(AsyncAppenderBase<ILoggingEvent> appender, LongAdder offered, LongAdder delivered)
            implements LongSupplier {
        /** What reached the appender, less what it delivered, less what still waits in its queue. */
        @Override
        public long getAsLong() {
            return Math.max(0, offered.sum() - delivered.sum() - appender.getNumberOfElementsInQueue());
        }
    }

    /** Counters on every asynchronous appender of the current Logback configuration (none under another binding). */
    @SuppressWarnings("unchecked")
    static List<LongSupplier> countAsyncAppenders() {
        List<LongSupplier> counted = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return counted;
        }
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof AsyncAppenderBase<?> async && !seen.contains(async)) {
                    seen.add(async);
                    counted.add(count((AsyncAppenderBase<ILoggingEvent>) async));
                }
            }
        }
        return counted;
    }

    private static Counted count(AsyncAppenderBase<ILoggingEvent> async) {
        LongAdder offered = new LongAdder();
        LongAdder delivered = new LongAdder();
        async.addFilter(counting(offered));
        // Logback takes one appender behind an AsyncAppender: count what reaches it, with a filter put first
        for (Iterator<Appender<ILoggingEvent>> it = async.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> behind = it.next();
            List<Filter<ILoggingEvent>> filters = behind.getCopyOfAttachedFiltersList();
            behind.clearAllFilters();
            behind.addFilter(counting(delivered));
            filters.forEach(behind::addFilter);
        }
        return new Counted(async, offered, delivered);
    }

    private static Filter<ILoggingEvent> counting(LongAdder count) {
        Filter<ILoggingEvent> filter = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                count.increment();
                return FilterReply.NEUTRAL;
            }
        };
        filter.start();
        return filter;
    }
}
