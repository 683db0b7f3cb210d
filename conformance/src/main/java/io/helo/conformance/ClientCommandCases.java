package io.helo.conformance;

import static io.helo.conformance.ClientCases.define;
import static io.helo.conformance.ClientCases.lastOutput;

import io.helo.conformance.ClientSession.Behaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** PROTOCOL.md 5, Commands: the host name a client gives (5.1), the addresses it accepts (5.5). */
final class ClientCommandCases {
    private ClientCommandCases() {
    }

    static Case<ClientSession> hostname() {
        return define("5.1", "hostname")
                .level(Level.SHOULD)
                .requirement("`<hostname>` SHOULD be the client's host name.")
                .under(Behaviour.CORRECT, Behaviour.SLOW)
                .check(ClientCommandCases::sentOwnName)
                .build();
    }

    static Case<ClientSession> nonCanonicalIpv6() {
        return define("5.5", "non-canonical-ipv6")
                .level(Level.SHOULD)
                .requirement("A client SHOULD accept any valid IPv6 text form (RFC 4291 section 2.2), such as"
                        + " `0:0:0:0:0:0:0:1`, and SHOULD NOT fail a session for it.")
                .under(Behaviour.NON_CANONICAL_IPV6)
                .check(ClientCommandCases::nonCanonicalAddress)
                .build();
    }

    private static Verdict sentOwnName(ClientSession s) throws UnknownHostException {
        if (s.lines().isEmpty() || !s.commands().get(0).equals("HELO")) {
            return Verdict.notApplicable("no HELO first (see client/4/helo-first)");
        }
        String[] words = s.lines().get(0).text().split(" ", 2);
        String sent = words.length > 1 ? words[1] : "";
        String local = localHostName();
        for (String name : List.of(local, local.split("\\.")[0])) {
            if (sent.equalsIgnoreCase(name)) {
                return Verdict.met();
            }
        }
        return Verdict.notMet("it said " + Show.text(sent) + "; this machine is " + Show.text(local));
    }

    /**
     * This machine's name, as a client asks the system for it: resolved where it can be, the kernel's otherwise (in a
     * sandbox's network, where nothing but the loopback answers).
     */
    private static String localHostName() throws UnknownHostException {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException notLinux) {
                throw e;
            }
        }
    }

    /** A client answered REQIP with {@code 0:0:0:0:0:0:0:1}: it finishes its session and exits with status 0. */
    private static Verdict nonCanonicalAddress(ClientSession s) {
        if (!s.commands().contains("REQIP")) {
            return Verdict.notApplicable("it never sent REQIP");
        }
        String line = "\"" + PlayedServer.NON_CANONICAL_LOOPBACK + "\"";
        if (!s.exited()) {
            return Verdict.notMet("it did not end by itself after REQIP was answered " + line + ": stopped"
                    + lastOutput(s));
        }
        if (s.commands().indexOf("BYE") < s.commands().indexOf("REQIP")) {
            return Verdict.notMet("it did not finish its session after REQIP was answered " + line + ": sent "
                    + String.join(", ", s.commands()) + lastOutput(s));
        }
        return s.exitStatus() == 0 ? Verdict.met() : Verdict.notMet("it ended with exit status " + s.exitStatus()
                + " after REQIP was answered " + line + lastOutput(s));
    }
}
