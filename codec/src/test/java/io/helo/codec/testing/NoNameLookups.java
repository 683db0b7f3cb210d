package io.helo.codec.testing;

import com.code_intelligence.jazzer.api.HookType;
import com.code_intelligence.jazzer.api.Jazzer;
import com.code_intelligence.jazzer.api.MethodHook;
import java.lang.invoke.MethodHandle;

/**
 * Jazzer hooks that make a finding of every text the project hands to {@code InetAddress.getByName} or
 * {@code getAllByName} that the JDK would look up through the system's resolver (nscd, /etc/hosts, DNS) instead of
 * reading it as an address: nothing a peer sends may make the server, a client or the checker resolve a name.
 *
 * <p>The JDK's rule (JDK 17 to 25, {@code InetAddress.getAllByName}): text that starts with a hex digit or a colon
 * and holds a colon is taken as an IPv6 literal, valid or not, and never resolved; a dotted quad is an IPv4 literal.
 * Anything else, such as {@code .:}, goes to the resolver. Loaded by {@code jazzer.custom_hooks}.
 */
public final class NoNameLookups {
    private NoNameLookups() {
    }

    /** Checks the text given to {@code InetAddress.getByName}. */
    @MethodHook(type = HookType.BEFORE, targetClassName = "java.net.InetAddress", targetMethod = "getByName")
    public static void getByName(MethodHandle method, Object caller, Object[] arguments, int hookId) {
        check(arguments[0]);
    }

    /** Checks the text given to {@code InetAddress.getAllByName}. */
    @MethodHook(type = HookType.BEFORE, targetClassName = "java.net.InetAddress", targetMethod = "getAllByName")
    public static void getAllByName(MethodHandle method, Object caller, Object[] arguments, int hookId) {
        check(arguments[0]);
    }

    private static void check(Object host) {
        if (!(host instanceof String text) || !isLiteral(text)) {
            Jazzer.reportFindingFromHook(new AssertionError("name looked up through the resolver: " + host));
        }
    }

    /** True if the JDK reads {@code text} as an address literal and never resolves it. */
    static boolean isLiteral(String text) {
        if (text.isEmpty()) {
            return false; // the JDK answers the loopback address: not what a peer's text should turn into
        }
        char first = text.charAt(0);
        boolean ipv6 = (Character.digit(first, 16) >= 0 || first == ':') && text.indexOf(':') >= 0;
        return ipv6 || isDottedQuad(text);
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
