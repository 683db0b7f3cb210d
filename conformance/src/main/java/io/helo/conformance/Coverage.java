package io.helo.conformance;

import java.io.PrintWriter;
import java.util.List;

/**
 * Every sentence of PROTOCOL.md with an RFC 2119 key word, and the cases that grade it, or why it cannot be graded
 * from outside (yet). A test holds this list against PROTOCOL.md, so that a new requirement cannot go ungraded
 * unnoticed; docs/CONFORMANCE.md shows it as a table.
 */
final class Coverage {
    /** A requirement, by a quote that identifies its sentence, and its cases or the reason it has none. */
    record Entry(String quote, List<String> cases, String reason) {
        /** Copies the cases. */
        Entry {
            cases = List.copyOf(cases);
        }
    }

    private static final String TLS = "TLS is a configured port of this server only; the assignment has none and the"
            + " checker grades plaintext sessions";

    /** The requirements in PROTOCOL.md's order. */
    static final List<Entry> ENTRIES = List.of(
            graded("Senders MUST end every line with CRLF; receivers MUST also accept a bare LF.",
                    "client/2/crlf", "server/2/reply-crlf", "server/2/lf-accepted"),
            graded("Servers MUST NOT send a bare LF.", "server/2/reply-crlf"),
            graded("A client MAY send several requests without waiting for replies (pipelining).",
                    "server/2/pipelining", "server/6/session-continues"),
            reason("the server MAY be configured to require HAProxy's PROXY protocol header", "a deployment option"
                    + " behind a load balancer, configured per address: invisible to a client that is not the"
                    + " balancer (this project's own tests cover it)"),
            graded("A server SHOULD, and this one does, take bytes without a line end as a complete line",
                    "server/2.1/request-without-line-end"),
            graded("A client SHOULD, and this one does, do the same with replies, and MUST accept replies ending in a"
                    + " bare LF.", "client/2.1/replies-without-line-ends", "client/2.1/replies-with-bare-lf"),
            reason("A server MAY also serve the protocol inside TLS on a port of its own", TLS),
            reason("a client MUST NOT take a close without close_notify as the end of a complete reply", TLS),
            reason("A client SHOULD verify the server's certificate", TLS),
            graded("Command names are case-insensitive (as ABNF string literals are); clients SHOULD send them in upper"
                    + " case.", "server/3/case-insensitive", "client/3/upper-case"),
            graded("Commands that take no argument MUST be sent without one, and without trailing spaces.",
                    "client/3/request-form", "server/6/bad-argument", "server/3/trailing-space",
                    "server/5.4/echo-without-space"),
            graded("A client MUST send `HELO` before any other command.", "client/4/helo-first", "server/4/helo-first",
                    "server/4/helo-required"),
            graded("`HELO` MAY be repeated; the server greets each time and remembers the latest name.",
                    "server/4/repeated-helo"),
            graded("A client SHOULD close its side once it has read the last line.", "client/4/closes-after-goodbye"),
            graded("`<hostname>` SHOULD be the client's host name", "client/5.1/hostname"),
            graded("It MUST be one word of at most 255 octets of UTF-8", "server/5.1/greeting-utf8",
                    "server/5.1/hostname-one-word", "server/5.1/hostname-length", "server/5.1/hostname-invisible",
                    "server/6/helo-without-name"),
            graded("The text MAY be empty", "server/5.4/echo-empty"),
            graded("A server MUST send these forms.", "server/5.5/reqip", "server/5.5/reqip-ipv6"),
            graded("A client SHOULD accept any valid IPv6 text form", "client/5.5/non-canonical-ipv6"),
            reason("Clients SHOULD act on the token only; the explanation may change.", "what a client does with a"
                    + " reply's explanation is not visible on the wire"),
            graded("Clients MUST accept reason tokens they do not know", "client/6/unknown-error-token"),
            graded("a client MUST take one as the end of the session", "client/6/busy-ends-session",
                    "client/6/rate-limited-ends-session", "client/6/final-line-ends-session"),
            reason("clients SHOULD wait before retrying (a second, doubling), not retry at once.", "not graded yet:"
                    + " the played server answers busy once and the checker does not run the client again"),
            graded("clients SHOULD NOT send it.", "client/4/helo-first"),
            reason("a client SHOULD accept reply lines of at least 1024", "only a greeting (the client's own host"
                    + " name) and an ECHO reply (its own text) can be long, so how long a correct server's replies are"
                    + " is the client's choice; a long reply to a short request would be one no correct server sends"));

    private Coverage() {
    }

    private static Entry graded(String quote, String... cases) {
        return new Entry(quote, List.of(cases), "");
    }

    private static Entry reason(String quote, String reason) {
        return new Entry(quote, List.of(), reason);
    }

    /** How many requirements have a case, and how many are listed with a reason only. */
    static int[] counts() {
        int graded = (int) ENTRIES.stream().filter(e -> !e.cases().isEmpty()).count();
        return new int[] {graded, ENTRIES.size() - graded};
    }

    /** The coverage table, as Markdown that docs/CONFORMANCE.md includes. */
    static void print(PrintWriter out) {
        int[] counts = counts();
        out.println("| requirement (PROTOCOL.md) | graded by | not graded, because |");
        out.println("|---|---|---|");
        for (Entry e : ENTRIES) {
            out.println("| " + e.quote().replace("|", "\\|") + " | " + String.join(", ", e.cases().stream()
                    .map(c -> "`" + c + "`").toList()) + " | " + e.reason() + " |");
        }
        out.println();
        out.println(ENTRIES.size() + " requirements: " + counts[0] + " graded by a case, " + counts[1]
                + " listed with the reason they are not.");
    }
}
