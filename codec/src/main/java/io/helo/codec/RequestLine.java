package io.helo.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One request line parsed in place: its command and argument as positions in the octets it was read into, or the
 * reason it is invalid. Made for servers that answer many requests per read: {@link #parse} reuses this object
 * and allocates nothing. {@link RequestParser} gives the same answers as objects.
 *
 * <p>The checks are made in the order of PROTOCOL.md section 6: UTF-8, empty line, control characters, command
 * name, argument. (The length limit is the framer's.)
 */
public final class RequestLine {
    private static final Request REQTIME = new Request.ReqTime();
    private static final Request REQDATE = new Request.ReqDate();
    private static final Request REQIP = new Request.ReqIp();
    private static final Request BYE = new Request.Bye();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EIGHT_ONES = 0x0101010101010101L;
    private static final long EIGHT_SPACES = 0x2020202020202020L;
    private static final long EIGHT_DELS = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private byte[] bytes;
    private Command command;
    private ErrorReason error;
    private int argumentFrom;
    private int argumentTo;

    /**
     * Parses {@code bytes[from, to)}, a line without its line end, and returns this.
     *
     * @param bytes the array holding the line; kept, not copied, until the next call
     * @param from the index of the line's first octet
     * @param to the index just past the line's last octet
     * @return this object, describing the line
     */
    public RequestLine parse(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.command = null;
        this.argumentFrom = -1;
        this.argumentTo = -1;
        this.error = check(bytes, from, to);
        return this;
    }

    private ErrorReason check(byte[] line, int from, int to) {
        boolean ascii = true;
        boolean control = false;
        int space = -1;
        if (to - from >= Long.BYTES && isPrintableAscii(line, from, to)) {
            // the usual line: no octet to look at alone, and a known command name ends within eight octets
            space = firstSpaceOfEight(line, from);
        } else {
            for (int i = from; i < to; i++) {
                int b = line[i];
                if (((b - 0x21) & 0xff) < 0x5e) {
                    continue; // 0x21 to 0x7e, printable ASCII other than the space: one comparison
                }
                if (b == ' ') {
                    space = space < 0 ? i : space;
                } else if (b < 0) {
                    ascii = false;
                } else if (b != '\t') {
                    control = true; // C0 or DEL
                }
            }
        }
        if (!ascii) {
            int utf8 = Utf8.check(line, from, to);
            if (utf8 == Utf8.MALFORMED) {
                return ErrorReason.INVALID_UTF8;
            }
            control |= utf8 == Utf8.C1_CONTROL;
        }
        if (from == to) {
            return ErrorReason.EMPTY_LINE;
        }
        if (control) {
            return ErrorReason.BAD_CHARACTER;
        }
        command = Command.lookup(line, from, space < 0 ? to : space);
        if (command == null) {
            return ErrorReason.UNKNOWN_COMMAND;
        }
        if (space >= 0) {
            argumentFrom = space + 1;
            argumentTo = to;
        }
        boolean argumentOk = switch (command) {
            case HELO -> space >= 0 && Text.isHostname(line, argumentFrom, argumentTo);
            case ECHO -> space >= 0;
            case REQTIME, REQDATE, REQIP, BYE -> space < 0;
        };
        if (!argumentOk) {
            command = null;
            return ErrorReason.BAD_ARGUMENT;
        }
        return null;
    }

    /** True if {@code line[from, to)}, eight octets or more, are all 0x20 to 0x7e: looked at eight at a time. */
    private static boolean isPrintableAscii(byte[] line, int from, int to) {
        long flagged = 0;
        for (int i = from; ; i += Long.BYTES) {
            long word = (long) LONGS.get(line, Math.min(i, to - Long.BYTES)); // the last word may overlap
            flagged |= (word - EIGHT_SPACES) | ((word ^ EIGHT_DELS) - EIGHT_ONES);
            if (i + Long.BYTES >= to) {
                break;
            }
        }
        // an octet below 0x20 or from 0xa0 up sets its high bit in the first difference, one of 0x7f to 0x9f in the
        // second; a borrow sets a high bit only above an octet that set one itself, so the answer is exact
        return (flagged & HIGH_BITS) == 0;
    }

    /** Where the first space of {@code line[from, from + 8)} is, or -1 if there is none. */
    private static int firstSpaceOfEight(byte[] line, int from) {
        long word = (long) LONGS.get(line, from) ^ EIGHT_SPACES;
        long zeros = (word - EIGHT_ONES) & ~word & HIGH_BITS; // the lowest flagged octet is exact
        return zeros == 0 ? -1 : from + Long.numberOfTrailingZeros(zeros) / Byte.SIZE;
    }

    /**
     * True if the line is a valid request.
     *
     * @return true if the line is valid, false if {@link #error()} tells why not
     */
    public boolean isValid() {
        return error == null;
    }

    /**
     * The command of a valid request, else {@code null}.
     *
     * @return the command, or {@code null} if the line is invalid
     */
    public Command command() {
        return command;
    }

    /**
     * Why the line is invalid, or {@code null} if it is valid.
     *
     * @return the reason, or {@code null}
     */
    public ErrorReason error() {
        return error;
    }

    /**
     * The octets the line was parsed from.
     *
     * @return the array given to the last {@link #parse}
     */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * Where the argument starts in {@link #bytes()}, or -1 if the request has none.
     *
     * @return the index of the argument's first octet, or -1
     */
    public int argumentFrom() {
        return argumentFrom;
    }

    /**
     * Where the argument ends (exclusive) in {@link #bytes()}, or -1 if the request has none.
     *
     * @return the index just past the argument's last octet, or -1
     */
    public int argumentTo() {
        return argumentTo;
    }

    /**
     * The argument as text (the host name of HELO, the text of ECHO), or {@code null} if there is none.
     *
     * @return the argument decoded from UTF-8, or {@code null}
     */
    public String argument() {
        return argumentFrom < 0 ? null
                : new String(bytes, argumentFrom, argumentTo - argumentFrom, StandardCharsets.UTF_8);
    }

    /**
     * The line as an object: the {@link Request}, or the {@link InvalidRequest} with its reason.
     *
     * @return the request, or the invalid request with its reason
     */
    public ParsedRequest toParsedRequest() {
        if (error != null) {
            return new InvalidRequest(error);
        }
        return switch (command) {
            case HELO -> new Request.Helo(argument());
            case ECHO -> new Request.Echo(argument());
            case REQTIME -> REQTIME;
            case REQDATE -> REQDATE;
            case REQIP -> REQIP;
            case BYE -> BYE;
        };
    }
}
