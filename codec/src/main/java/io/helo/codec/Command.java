package io.helo.codec;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The verbs a client can send, matched without regard to case. */
public enum Command {
    HELO,
    REQTIME,
    REQDATE,
    ECHO,
    REQIP,
    BYE;

    private static final Map<String, Command> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    /** Returns the command named by {@code verb} in any case, or {@code null} if there is none. */
    public static Command lookup(String verb) {
        Command exact = BY_NAME.get(verb); // clients send upper case: skip the copy then
        return exact != null ? exact : BY_NAME.get(verb.toUpperCase(Locale.ROOT));
    }
}
