package io.helo.server.transport.tuned;

import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * The keys one select found ready, in a list kept from select to select: the selector's own selected-key set is a
 * hash set that makes an entry for every ready key, and an iterator for every pass over it. Used by its loop alone.
 */
final class ReadyKeys implements Consumer<SelectionKey> {
    private final List<SelectionKey> keys = new ArrayList<>();
    private final Sessions sessions = new Sessions();

    /** Collects a key the select found ready. */
    @Override
    public void accept(SelectionKey key) {
        keys.add(key);
    }

    /** Forgets the keys of the previous select. */
    void clear() {
        keys.clear();
    }

    /** How many keys are ready. */
    int size() {
        return keys.size();
    }

    /** The {@code index}th ready key. */
    SelectionKey get(int index) {
        return keys.get(index);
    }

    /** The sessions among the ready keys' attachments, for MINA's loop: an iterator reused, not made anew. */
    Iterator<NioSession> sessions() {
        sessions.next = 0;
        return sessions;
    }

    /** Walks the ready keys whose attachment is a session; {@code remove} is a no-op, the next select clears. */
    private final class Sessions implements Iterator<NioSession> {
        private int next;

        @Override
        public boolean hasNext() {
            while (next < keys.size() && !(keys.get(next).attachment() instanceof NioSession)) {
                next++;
            }
            return next < keys.size();
        }

        @Override
        public NioSession next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return (NioSession) keys.get(next++).attachment();
        }

        @Override
        public void remove() {
            // the list is cleared before the next select
        }
    }
}
