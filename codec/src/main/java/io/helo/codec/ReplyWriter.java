package io.helo.codec;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;

/**
 * Writes reply lines, each with its CRLF, one after the other into one growing array of octets, so that all the
 * replies to one read can leave in one write. The methods taking octets create no objects: for servers that
 * answer many requests per read. The octets are exactly those of {@link Response#line()} in UTF-8, plus CRLF.
 */
public final class ReplyWriter {
    private static final byte[] GREETING_PREFIX = "Hello ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GREETING_SUFFIX = ", pleased to meet you.\r\n".getBytes(StandardCharsets.US_ASCII);

    private byte[] buffer;
    private int length;

    /**
     * A writer whose array starts with room for {@code initialCapacity} octets.
     *
     * @param initialCapacity the octets to make room for at first; at least 16 are
     */
    public ReplyWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    /**
     * The octets of {@code response}'s line followed by CRLF, e.g. to keep a constant reply ready.
     *
     * @param response the reply to encode
     * @return a new array with the line in UTF-8 and CRLF
     */
    public static byte[] encode(Response response) {
        return (response.line() + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code response}.
     *
     * @param response the reply to write
     * @return this writer
     */
    public ReplyWriter write(Response response) {
        return writeEncoded(encode(response));
    }

    /**
     * Writes a line already encoded with its CRLF, such as one {@link #encode} returned.
     *
     * @param line the octets of the line, CRLF included
     * @return this writer
     */
    public ReplyWriter writeEncoded(byte[] line) {
        ensure(line.length);
        System.arraycopy(line, 0, buffer, length, line.length);
        length += line.length;
        return this;
    }

    /**
     * Writes the greeting for the host name {@code bytes[from, to)}, octets of a valid HELO argument.
     *
     * @param bytes the array holding the host name
     * @param from the index of the host name's first octet
     * @param to the index just past the host name's last octet
     * @return this writer
     */
    public ReplyWriter greeting(byte[] bytes, int from, int to) {
        ensure(GREETING_PREFIX.length + (to - from) + GREETING_SUFFIX.length);
        put(GREETING_PREFIX, 0, GREETING_PREFIX.length);
        put(bytes, from, to - from);
        put(GREETING_SUFFIX, 0, GREETING_SUFFIX.length);
        return this;
    }

    /**
     * Writes the ECHO reply for the text {@code bytes[from, to)}, octets of a valid ECHO argument.
     *
     * @param bytes the array holding the text
     * @param from the index of the text's first octet
     * @param to the index just past the text's last octet
     * @return this writer
     */
    public ReplyWriter echo(byte[] bytes, int from, int to) {
        ensure(to - from + 2);
        put(bytes, from, to - from);
        buffer[length++] = '\r';
        buffer[length++] = '\n';
        return this;
    }

    /**
     * Writes the REQTIME reply {@code hh:mm:ss}.
     *
     * @param time the time of day to write; fractions of a second are dropped
     * @return this writer
     */
    public ReplyWriter time(LocalTime time) {
        ensure(10);
        twoDigits(time.getHour()).colon().twoDigits(time.getMinute()).colon().twoDigits(time.getSecond());
        buffer[length++] = '\r';
        buffer[length++] = '\n';
        return this;
    }

    /**
     * Writes the REQDATE reply {@code YYYY-MM-DD}; the year must have four digits.
     *
     * @param date the date to write, in the years 0000 to 9999
     * @return this writer
     * @throws IllegalArgumentException if the year is outside 0000 to 9999
     */
    public ReplyWriter date(LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year outside 0000-9999: " + year);
        }
        ensure(12);
        twoDigits(year / 100).twoDigits(year % 100);
        buffer[length++] = '-';
        twoDigits(date.getMonthValue());
        buffer[length++] = '-';
        twoDigits(date.getDayOfMonth());
        buffer[length++] = '\r';
        buffer[length++] = '\n';
        return this;
    }

    /**
     * The octets written so far: {@code array()[0, length())}. The array is this writer's own.
     *
     * @return the writer's array, valid up to {@link #length()} and until the next write
     */
    public byte[] array() {
        return buffer;
    }

    /**
     * How many octets have been written.
     *
     * @return the number of octets written since the writer was created or cleared
     */
    public int length() {
        return length;
    }

    /**
     * A copy of the octets written so far.
     *
     * @return a new array of exactly {@link #length()} octets
     */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** Forgets what was written, keeping the array for the next replies. */
    public void clear() {
        length = 0;
    }

    private ReplyWriter twoDigits(int value) {
        buffer[length++] = (byte) ('0' + value / 10);
        buffer[length++] = (byte) ('0' + value % 10);
        return this;
    }

    private ReplyWriter colon() {
        buffer[length++] = ':';
        return this;
    }

    private void put(byte[] bytes, int from, int count) {
        System.arraycopy(bytes, from, buffer, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + more, buffer.length * 2));
        }
    }
}
