package io.helo.conformance;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one case sent and received, in order, connection by connection: the octets a student needs to see to act on a
 * finding. Bounded whatever the peer does: each entry keeps its first {@value #ENTRY_CAP} octets and counts the rest,
 * and after {@value #MAX_ENTRIES} entries only the last request is still noted (to name it if the peer dies).
 */
public final class Transcript {
    static final int ENTRY_CAP = 300;
    static final int MAX_ENTRIES = 40;

    private final List<Entry> entries = new ArrayList<>();
    private int connections;
    private long omitted;
    private String lastRequest;
    private boolean troubled;
    private String beforeTrouble;

    /** Who moved the octets of an entry. */
    enum Direction {
        /** The checker sent them. */
        SENT(">"),
        /** The peer sent them. */
        RECEIVED("<"),
        /** An event without octets: a connection opened, closed, half-closed. */
        NOTE("=");

        private final String mark;

        Direction(String mark) {
            this.mark = mark;
        }
    }

    /** One entry: on which connection, which way, its first octets (or a note), and how many octets in all. */
    private static final class Entry {
        private final int connection;
        private final Direction direction;
        private final String note;
        private final java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        private long count;

        Entry(int connection, Direction direction, String note) {
            this.connection = connection;
            this.direction = direction;
            this.note = note;
        }

        void add(byte[] octets, int offset, int length) {
            kept.write(octets, offset, (int) Math.max(0, Math.min(length, ENTRY_CAP - count)));
            count += length;
        }

        String line() {
            if (direction == Direction.NOTE) {
                return connection + direction.mark + " " + note;
            }
            byte[] shown = kept.toByteArray();
            return connection + direction.mark + " \"" + octets(shown, 0, shown.length) + "\""
                    + (count > ENTRY_CAP ? " (" + count + " octets in all)" : "");
        }
    }

    /** Forgets everything: a new case begins. */
    public synchronized void begin() {
        entries.clear();
        connections = 0;
        omitted = 0;
        lastRequest = null;
        troubled = false;
        beforeTrouble = null;
    }

    /** True if a connection of this case was refused, closed or reset by the peer. */
    public synchronized boolean troubled() {
        return troubled;
    }

    /** Notes that the peer refused, closed or reset a connection. */
    public synchronized void trouble(int connection, String what) {
        if (!troubled) {
            beforeTrouble = lastRequest; // what came after a close was sent to a peer already gone
        }
        troubled = true;
        note(connection, what);
    }

    /** Numbers a new connection (from 1) and notes it. */
    public synchronized int opened(String what) {
        connections++;
        note(connections, what);
        return connections;
    }

    /** Notes an event on connection {@code connection}. */
    public synchronized void note(int connection, String what) {
        add(new Entry(connection, Direction.NOTE, what));
    }

    /** Notes octets the checker sent. */
    public synchronized void sent(int connection, byte[] octets, int offset, int count) {
        lastRequest = "\"" + octets(octets, offset, Math.min(count, ENTRY_CAP)) + "\""
                + (count > ENTRY_CAP ? " (" + count + " octets)" : "");
        append(connection, Direction.SENT, octets, offset, count);
    }

    /** Notes octets the peer sent. */
    public synchronized void received(int connection, byte[] octets, int offset, int count) {
        append(connection, Direction.RECEIVED, octets, offset, count);
    }

    /**
     * The last octets the checker sent before a connection was first refused, closed or reset by the peer (or at all,
     * if none was), quoted and escaped; null if it sent none.
     */
    public synchronized String lastRequest() {
        return troubled && beforeTrouble != null ? beforeTrouble : lastRequest;
    }

    /** The entries, one a line: {@code 1> "HELO checker\r\n"}, {@code 1< "Hello ...\r\n"}, {@code 1= closed}. */
    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        entries.forEach(e -> lines.add(e.line()));
        if (omitted > 0) {
            lines.add("... " + omitted + " more entries not shown");
        }
        return lines;
    }

    private void append(int connection, Direction direction, byte[] octets, int offset, int count) {
        Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        if (last == null || last.connection != connection || last.direction != direction) {
            last = new Entry(connection, direction, null);
            if (!add(last)) {
                return;
            }
        }
        last.add(octets, offset, count);
    }

    private boolean add(Entry entry) {
        if (entries.size() >= MAX_ENTRIES) {
            omitted++;
            return false;
        }
        entries.add(entry);
        return true;
    }

    /**
     * Octets as text a student can read and retype: UTF-8 where they are UTF-8, CR, LF and TAB as {@code \r \n \t},
     * other control and invisible characters as {@code \\uXXXX}, and octets that are not UTF-8 as {@code \xNN}.
     */
    static String octets(byte[] octets, int offset, int count) {
        StringBuilder out = new StringBuilder();
        int i = offset;
        int end = offset + count;
        while (i < end) {
            int length = sequenceLength(octets, i, end);
            if (length == 0) {
                out.append(String.format("\\x%02x", octets[i] & 0xff));
                i++;
                continue;
            }
            String s = new String(octets, i, length, StandardCharsets.UTF_8);
            String shown = Show.text(s);
            out.append(shown, 1, shown.length() - 1);
            i += length;
        }
        return out.toString();
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}, or 0 if there is none. */
    private static int sequenceLength(byte[] octets, int i, int end) {
        int b = octets[i] & 0xff;
        int length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4
                ? 4 : 0;
        if (length == 0 || i + length > end) {
            return 0;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets, i, length));
            return length;
        } catch (CharacterCodingException e) {
            return 0;
        }
    }
}
