package io.helo.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The verbs a client can send, matched without regard to case. */
public enum Command {
    /** {@code HELO <hostname>}: the client introduces itself. */
    HELO,
    /** {@code REQTIME}: the server's time of day. */
    REQTIME,
    /** {@code REQDATE}: the server's date. */
    REQDATE,
    /** {@code ECHO <text>}: the text, back. */
    ECHO,
    /** {@code REQIP}: the client's address as the server sees it. */
    REQIP,
    /** {@code BYE}: the server replies and closes. */
    BYE;

    private static final Map<String, Command> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    /**
     * Returns the command named by {@code verb} in any case, or {@code null} if there is none.
     *
     * @param verb the verb as sent, in any case
     * @return the command, or {@code null} if {@code verb} names none
     */
    public static Command lookup(String verb) {
        Command exact = BY_NAME.get(verb); // clients send upper case: skip the copy then
        return exact != null ? exact : BY_NAME.get(verb.toUpperCase(Locale.ROOT));
    }

    /**
     * Returns the command named by the octets {@code bytes[from, to)} in any case, or {@code null}; no copy.
     *
     * @param bytes the array holding the verb
     * @param from the index of the verb's first octet
     * @param to the index just past the verb's last octet
     * @return the command, or {@code null} if the octets name none
     */
    public static Command lookup(byte[] bytes, int from, int to) {
        // octets folded to lower case four at a time: only A-Z and a-z fold to a-z
        return switch (to - from) {
            case 3 -> folded(bytes, from, 3) == BYE_FOLDED ? BYE : null;
            case 4 -> {
                int word = folded4(bytes, from);
                yield word == ECHO_FOLDED ? ECHO : word == HELO_FOLDED ? HELO : null;
            }
            case 5 -> folded4(bytes, from) == REQI_FOLDED && (bytes[from + 4] | 0x20) == 'p' ? REQIP : null;
            case 7 -> {
                int head = folded4(bytes, from); // "reqt" or "reqd", then "time" or "date" from the fourth octet on
                int tail = folded4(bytes, from + 3);
                yield head == REQT_FOLDED && tail == TIME_FOLDED ? REQTIME
                        : head == REQD_FOLDED && tail == DATE_FOLDED ? REQDATE : null;
            }
            default -> null;
        };
    }

    /** Four octets from {@code from}, read as one int, each with the bit that tells upper from lower case set. */
    private static int folded4(byte[] bytes, int from) {
        return (int) INTS.get(bytes, from) | 0x20202020;
    }

    /** Up to four octets from {@code from}, folded as {@link #folded4} does, in one int. */
    private static int folded(byte[] bytes, int from, int count) {
        int word = 0;
        for (int i = 0; i < count; i++) {
            word = (word << 8) | ((bytes[from + i] | 0x20) & 0xff);
        }
        return word;
    }

    private static int folded(String lowerCase) {
        return folded(lowerCase.getBytes(StandardCharsets.US_ASCII), 0, lowerCase.length());
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int BYE_FOLDED = folded("bye");
    private static final int ECHO_FOLDED = folded("echo");
    private static final int HELO_FOLDED = folded("helo");
    private static final int REQI_FOLDED = folded("reqi");
    private static final int REQT_FOLDED = folded("reqt");
    private static final int REQD_FOLDED = folded("reqd");
    private static final int TIME_FOLDED = folded("time");
    private static final int DATE_FOLDED = folded("date");
}
