package io.helo.codec;

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

    private static final Command[] ALL = values();
    private static final Map<String, Command> BY_NAME =
            Stream.of(ALL).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final byte[] ascii = name().getBytes(StandardCharsets.US_ASCII);

    /** Returns the command named by {@code verb} in any case, or {@code null} if there is none. */
    public static Command lookup(String verb) {
        Command exact = BY_NAME.get(verb); // clients send upper case: skip the copy then
        return exact != null ? exact : BY_NAME.get(verb.toUpperCase(Locale.ROOT));
    }

    /** Returns the command named by the octets {@code bytes[from, to)} in any case, or {@code null}; no copy. */
    public static Command lookup(byte[] bytes, int from, int to) {
        for (Command command : ALL) {
            if (command.isNamedBy(bytes, from, to)) {
                return command;
            }
        }
        return null;
    }

    private boolean isNamedBy(byte[] bytes, int from, int to) {
        if (to - from != ascii.length) {
            return false;
        }
        for (int i = 0; i < ascii.length; i++) {
            int b = bytes[from + i];
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != ascii[i]) {
                return false;
            }
        }
        return true;
    }
}
