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
import org.slf4j.LoggerFactory;

/**
 * Counts the log events Logback's asynchronous appenders dropped rather than block the thread that logged them
 * ({@code neverBlock}): what reached each one, less what it delivered, less what still waits in its queue. Works
 * with any configuration that uses {@code AsyncAppender}; with none, nothing is ever dropped.
 */
public final class LogDrops {
    private static final List<Counted> COUNTED = new ArrayList<>();

    private LogDrops() {
    }

    /** One asynchronous appender, with counters on its way in and its way out. */
    private record Counted(AsyncAppenderBase<ILoggingEvent> appender, LongAdder offered, LongAdder delivered) {
        long dropped() {
            return Math.max(0, offered.sum() - delivered.sum() - appender.getNumberOfElementsInQueue());
        }
    }

    /** Starts counting, from zero, on every asynchronous appender of the current Logback configuration. */
    @SuppressWarnings("unchecked")
    public static synchronized void install() {
        COUNTED.clear(); // a configuration loaded again has new appenders
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof AsyncAppenderBase<?> async && COUNTED.stream().noneMatch(c -> c.appender() == async)) {
                    COUNTED.add(count((AsyncAppenderBase<ILoggingEvent>) async));
                }
            }
        }
    }

    /** Log events dropped since counting began. */
    public static synchronized long dropped() {
        return COUNTED.stream().mapToLong(Counted::dropped).sum();
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
