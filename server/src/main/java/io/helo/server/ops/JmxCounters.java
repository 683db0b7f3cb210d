package io.helo.server.ops;

import io.helo.server.ServerCounters;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a server's counters over JMX as {@code io.helo:type=HeloServer,port=PORT} while it runs. */
public final class JmxCounters implements HeloServerMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(JmxCounters.class);

    private final ServerCounters counters;
    private final ObjectName name;

    private JmxCounters(ServerCounters counters, ObjectName name) {
        this.counters = counters;
        this.name = name;
    }

    /**
     * Registers the counters of the server on {@code port}; null if JMX refuses (the server runs on without).
     *
     * @param counters the counters to publish
     * @param port the server's port, which names the MBean
     * @return the registered MBean, or {@code null} if JMX refused it
     */
    public static JmxCounters register(ServerCounters counters, int port) {
        try {
            ObjectName name = new ObjectName("io.helo:type=HeloServer,port=" + port);
            JmxCounters bean = new JmxCounters(counters, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return bean;
        } catch (JMException e) {
            LOG.warn("counters not available over JMX: {}", e.toString());
            return null;
        }
    }

    /**
     * The name the counters are registered under.
     *
     * @return the MBean's name
     */
    public ObjectName name() {
        return name;
    }

    /** Removes the counters from JMX. */
    public void unregister() {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("unregistering {}: {}", name, e.toString());
        }
    }

    @Override
    public int getCurrentConnections() {
        return counters.currentConnections();
    }

    @Override
    public long getTotalConnections() {
        return counters.totalConnections();
    }

    @Override
    public Map<String, Long> getRequestsByCommand() {
        return counters.requestsByCommand();
    }

    @Override
    public Map<String, Long> getErrorsByReason() {
        return counters.errorsByReason();
    }

    @Override
    public Map<String, Long> getRefusedByReason() {
        return counters.refusedByReason();
    }

    @Override
    public long getBytesIn() {
        return counters.bytesIn();
    }

    @Override
    public long getBytesOut() {
        return counters.bytesOut();
    }
}
