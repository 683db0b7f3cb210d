package io.helo.server.ops;

import io.helo.server.ServerCounters;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenMBeanAttributeInfoSupport;
import javax.management.openmbean.OpenMBeanConstructorInfoSupport;
import javax.management.openmbean.OpenMBeanInfoSupport;
import javax.management.openmbean.OpenMBeanOperationInfoSupport;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a server's counters over JMX as {@code io.helo:type=HeloServer,port=PORT} while it runs: an attribute for
 * each row of {@link Measures}, with the open types an MXBean would have ({@code Map<String, Long>} as a table of
 * {@code key} and {@code value}), so that JMX clients see it as one.
 */
public final class JmxCounters implements DynamicMBean {
    private static final Logger LOG = LoggerFactory.getLogger(JmxCounters.class);
    private static final String MAP = "java.util.Map<java.lang.String, java.lang.Long>";
    private static final CompositeType ENTRY;
    private static final TabularType TABLE;

    static {
        try {
            ENTRY = new CompositeType(MAP, MAP, new String[] {"key", "value"}, new String[] {"key", "value"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.LONG});
            TABLE = new TabularType(MAP, MAP, ENTRY, new String[] {"key"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ServerCounters counters;
    private final ObjectName name;
    private final MBeanInfo info;

    private JmxCounters(ServerCounters counters, ObjectName name) {
        this.counters = counters;
        this.name = name;
        List<OpenMBeanAttributeInfoSupport> attributes = new ArrayList<>();
        for (Measure measure : Measures.ALL) {
            attributes.add(new OpenMBeanAttributeInfoSupport(measure.attribute(), measure.help(),
                    typeOf(measure.read().apply(counters)), true, false, false));
        }
        this.info = new OpenMBeanInfoSupport(JmxCounters.class.getName(), "What a running HELO server has done",
                attributes.toArray(OpenMBeanAttributeInfoSupport[]::new), new OpenMBeanConstructorInfoSupport[0],
                new OpenMBeanOperationInfoSupport[0], null);
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
    public Object getAttribute(String attribute) throws AttributeNotFoundException, MBeanException {
        for (Measure measure : Measures.ALL) {
            if (measure.attribute().equals(attribute)) {
                Object value = measure.read().apply(counters);
                return value instanceof Map<?, ?> parts ? table(parts) : value;
            }
        }
        throw new AttributeNotFoundException(attribute);
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList values = new AttributeList();
        for (String attribute : attributes) {
            try {
                values.add(new Attribute(attribute, getAttribute(attribute)));
            } catch (JMException e) {
                // left out, as the interface asks
            }
        }
        return values;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws MBeanException {
        throw new MBeanException(new UnsupportedOperationException(action), "no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }

    /** The open type of a measure's values, as it reads them: a map, an {@code int} or a {@code long}. */
    private static OpenType<?> typeOf(Object value) {
        return value instanceof Map<?, ?> ? TABLE : value instanceof Integer ? SimpleType.INTEGER : SimpleType.LONG;
    }

    private static TabularDataSupport table(Map<?, ?> parts) throws MBeanException {
        TabularDataSupport table = new TabularDataSupport(TABLE);
        try {
            for (Map.Entry<?, ?> part : parts.entrySet()) {
                table.put(new CompositeDataSupport(ENTRY, new String[] {"key", "value"},
                        new Object[] {part.getKey(), part.getValue()}));
            }
        } catch (OpenDataException e) {
            throw new MBeanException(e);
        }
        return table;
    }
}
