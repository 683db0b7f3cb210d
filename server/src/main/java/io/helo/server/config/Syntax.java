package io.helo.server.config;

import io.helo.server.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How an option is written on the command line: the type its text is parsed as (which says what a malformed text
 * is), and how the parsed value becomes the setting's value (which may ask more of it, such as a known host).
 *
 * @param <T> the type of the setting's value
 */
public final class Syntax<T> {
    /** What {@code --bind} takes for every interface, IPv4 and IPv6. */
    static final String EVERY_INTERFACE = "*";

    private final String label;
    private final Class<?> type;
    private final Function<String, Object> convert;
    private final Function<Object, T> read;
    private final Function<T, String> show;

    private Syntax(String label, Class<?> type, Function<String, Object> convert, Function<Object, T> read,
            Function<T, String> show) {
        this.label = label;
        this.type = type;
        this.convert = convert;
        this.read = read;
        this.show = show;
    }

    /** A whole number, as {@code int}. */
    static Syntax<Integer> count(String label) {
        return new Syntax<>(label, int.class, null, Integer.class::cast, String::valueOf);
    }

    /** A number of octets, as {@code long}. */
    static Syntax<Long> octets() {
        return new Syntax<>("OCTETS", long.class, null, Long.class::cast, String::valueOf);
    }

    /** A duration, in whole seconds. */
    static Syntax<Duration> seconds() {
        return new Syntax<>("SECONDS", long.class, null, value -> Duration.ofSeconds((Long) value),
                duration -> String.valueOf(duration.toSeconds()));
    }

    /** A duration, in milliseconds. */
    static Syntax<Duration> millis() {
        return new Syntax<>("MILLIS", long.class, null, value -> Duration.ofMillis((Long) value),
                duration -> String.valueOf(duration.toMillis()));
    }

    /** A TCP port, given or not. */
    static Syntax<Integer> port() {
        return new Syntax<>("PORT", Integer.class, null, Integer.class::cast, String::valueOf);
    }

    /** A file. */
    static Syntax<Path> file() {
        return new Syntax<>("FILE", Path.class, null, Path.class::cast, Path::toString);
    }

    /** An option without a value: given or not. */
    static Syntax<Boolean> flag() {
        return new Syntax<>(null, boolean.class, null, Boolean.class::cast, String::valueOf);
    }

    /** One of the constants of {@code choices}, in lower case; the message of a bad one lists them. */
    static <E extends Enum<E>> Syntax<E> choice(String option, Class<E> choices) {
        Function<String, Object> convert = text -> {
            for (E choice : choices.getEnumConstants()) {
                if (lowerCase(choice).equals(text)) {
                    return choice;
                }
            }
            throw new IllegalArgumentException(option + " must be " + List.of(choices.getEnumConstants()).stream()
                    .map(Syntax::lowerCase).collect(Collectors.joining(" or ")) + ": " + text);
        };
        return new Syntax<>("FORMAT", choices, convert, choices::cast, Syntax::lowerCase);
    }

    /** A host name or IP address, resolved once, when read; {@code *} is the wildcard address. */
    static Syntax<InetAddress> address() {
        return new Syntax<>("ADDRESS", String.class, null, text -> resolve((String) text), Syntax::text);
    }

    /** Host names or IP addresses, the option repeated for each, resolved once, when read. */
    static Syntax<List<InetAddress>> addresses() {
        return new Syntax<>("ADDRESS", List.class, null, texts -> {
            List<InetAddress> addresses = new ArrayList<>();
            for (Object text : (List<?>) texts) {
                addresses.add(resolve((String) text));
            }
            return List.copyOf(addresses);
        }, addresses -> addresses.stream().map(Syntax::text).collect(Collectors.joining(",")));
    }

    /** IP address ranges, the option repeated for each. */
    static Syntax<List<Cidr>> ranges() {
        return new Syntax<>("CIDR", List.class, null,
                texts -> ((List<?>) texts).stream().map(text -> Cidr.parse((String) text)).toList(),
                ranges -> ranges.stream().map(Cidr::toString).collect(Collectors.joining(",")));
    }

    /** The wildcard address: every interface, IPv4 and IPv6 on a dual-stack host. */
    static InetAddress everyInterface() {
        return new InetSocketAddress(0).getAddress();
    }

    private static InetAddress resolve(String host) {
        if (host.equals(EVERY_INTERFACE)) {
            return everyInterface();
        }
        try {
            return InetAddress.getByName(host); // once, at start-up: never on the request path
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String text(InetAddress address) {
        return address.isAnyLocalAddress() ? EVERY_INTERFACE : address.getHostAddress();
    }

    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The label the help gives the value unless the row says otherwise, e.g. {@code SECONDS}; null for a flag.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The type the command line's parser reads the text as ({@code int}, {@code long}, {@code String}, a {@link
     * List} of them for a repeatable option...); its own message says what is wrong with a text it cannot read.
     *
     * @return the parser's type
     */
    public Class<?> type() {
        return type;
    }

    /**
     * True if the option may be given more than once, each adding a value; the parser's type is then a list of
     * strings.
     *
     * @return true for a repeatable option
     */
    public boolean repeatable() {
        return type == List.class;
    }

    /**
     * Reads a text as the parser's type, where the parser cannot by itself: null if it can.
     *
     * @return the conversion, which throws {@link IllegalArgumentException} with its message for a bad text
     */
    public Function<String, Object> converter() {
        return convert;
    }

    /** The setting's value from what the parser made of the text. */
    T read(Object parsed) {
        return read.apply(parsed);
    }

    /**
     * {@code value} as the command line writes it, e.g. {@code 300} for five minutes in seconds.
     *
     * @param value a value of the setting
     * @return its text
     */
    public String show(T value) {
        return show.apply(value);
    }
}
