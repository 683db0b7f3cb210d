package io.helo.server.transport.tuned;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionAttributeMap;

/**
 * A session's attributes as key-value pairs in one array, with MINA's default map's contract. A session here has two
 * or three attributes, set when it opens and read on every message: finding one is a walk over a few references
 * (compared by identity first), where MINA's map hashes the key and keeps a table and a node per entry. A change
 * copies the array under the lock; a read takes no lock.
 */
final class FewAttributes implements IoSessionAttributeMap {
    private static final Object[] NONE = {};

    /** Keys at even indexes, each followed by its value; replaced, never changed in place. */
    private volatile Object[] pairs = NONE;

    @Override
    public Object getAttribute(IoSession session, Object key, Object defaultValue) {
        Object value = find(key(key));
        if (value != null || defaultValue == null) {
            return value;
        }
        Object earlier = setAttributeIfAbsent(session, key, defaultValue);
        return earlier == null ? defaultValue : earlier;
    }

    @Override
    public synchronized Object setAttribute(IoSession session, Object key, Object value) {
        if (value == null) {
            return removeAttribute(session, key);
        }
        int at = indexOf(key(key));
        Object[] changed;
        Object earlier = null;
        if (at < 0) {
            changed = Arrays.copyOf(pairs, pairs.length + 2);
            changed[changed.length - 2] = key;
        } else {
            changed = pairs.clone();
            earlier = changed[at + 1];
        }
        changed[at < 0 ? changed.length - 1 : at + 1] = value;
        pairs = changed;
        return earlier;
    }

    @Override
    public synchronized Object setAttributeIfAbsent(IoSession session, Object key, Object value) {
        Object earlier = find(key(key));
        if (value == null) {
            return null; // as MINA's map: nothing is set, and nothing said of what is
        }
        if (earlier == null) {
            setAttribute(session, key, value);
        }
        return earlier;
    }

    @Override
    public synchronized Object removeAttribute(IoSession session, Object key) {
        int at = indexOf(key(key));
        if (at < 0) {
            return null;
        }
        Object[] current = pairs;
        Object[] changed = new Object[current.length - 2];
        System.arraycopy(current, 0, changed, 0, at);
        System.arraycopy(current, at + 2, changed, at, current.length - at - 2);
        pairs = changed;
        return current[at + 1];
    }

    @Override
    public synchronized boolean removeAttribute(IoSession session, Object key, Object value) {
        Object current = find(key(key));
        if (value == null || current == null || !(value == current || value.equals(current))) {
            return false;
        }
        removeAttribute(session, key);
        return true;
    }

    @Override
    public synchronized boolean replaceAttribute(IoSession session, Object key, Object oldValue, Object newValue) {
        if (key == null || oldValue == null || newValue == null || !oldValue.equals(find(key))) {
            return false; // as MINA's map, which reports false where its table refuses a null
        }
        setAttribute(session, key, newValue);
        return true;
    }

    @Override
    public boolean containsAttribute(IoSession session, Object key) {
        return find(Objects.requireNonNull(key)) != null;
    }

    @Override
    public Set<Object> getAttributeKeys(IoSession session) {
        Object[] current = pairs;
        Set<Object> keys = new HashSet<>();
        for (int i = 0; i < current.length; i += 2) {
            keys.add(current[i]);
        }
        return keys;
    }

    @Override
    public void dispose(IoSession session) {
        // nothing to release: the array goes with the session
    }

    private Object find(Object key) {
        Object[] current = pairs; // one snapshot for the search and the value
        int at = indexOf(current, key);
        return at < 0 ? null : current[at + 1];
    }

    private int indexOf(Object key) {
        return indexOf(pairs, key);
    }

    private static int indexOf(Object[] current, Object key) {
        for (int i = 0; i < current.length; i += 2) {
            if (current[i] == key || current[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static Object key(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("key");
        }
        return key;
    }
}
