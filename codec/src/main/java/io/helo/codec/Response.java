package io.helo.codec;

import java.net.InetAddress;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A reply line the server sends; {@link #line()} is its exact wire form without the line end. The constructors
 * refuse values that cannot be sent (with {@link IllegalArgumentException}).
 */
public sealed interface Response extends ServerLine
        permits Response.Greeting, Response.CurrentTime, Response.CurrentDate, Response.Echo, Response.Address,
                Response.Goodbye, Response.ErrorReply {

    /** The prefix of every error reply and of no success reply except, possibly, an ECHO reply. */
    String ERROR_PREFIX = "ERR ";

    /**
     * The reply as sent on the wire, without CRLF.
     *
     * @return the line without its line end
     */
    String line();

    /**
     * The reply to {@code HELO}: {@code Hello <hostname>, pleased to meet you.}
     *
     * @param hostname the name the client gave in its HELO
     */
    record Greeting(String hostname) implements Response {
        /**
         * Checks that the hostname is a valid HELO argument.
         *
         * @param hostname the name the client gave in its HELO
         * @throws IllegalArgumentException if {@code hostname} is not a valid HELO host name
         */
        public Greeting {
            new Request.Helo(hostname); // the same rules as the request it answers
        }

        @Override
        public String line() {
            return "Hello " + hostname + ", pleased to meet you.";
        }
    }

    /**
     * The reply to {@code REQTIME}: the server's time of day as {@code hh:mm:ss}, 24-hour.
     *
     * @param time the server's time of day, to the second
     */
    record CurrentTime(LocalTime time) implements Response {
        private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss");

        /**
         * Drops the fraction of a second, which the wire form does not carry.
         *
         * @param time the server's time of day
         */
        public CurrentTime {
            time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
        }

        @Override
        public String line() {
            return FORMAT.format(time);
        }
    }

    /**
     * The reply to {@code REQDATE}: the server's date as {@code YYYY-MM-DD}.
     *
     * @param date the server's date
     */
    record CurrentDate(LocalDate date) implements Response {
        private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd");

        /**
         * Checks that the year has four digits, as the wire form requires.
         *
         * @param date the server's date, in the years 0000 to 9999
         * @throws IllegalArgumentException if the year is outside 0000 to 9999
         */
        public CurrentDate {
            Objects.requireNonNull(date, "date");
            if (date.getYear() < 0 || date.getYear() > 9999) {
                throw new IllegalArgumentException("year outside 0000-9999: " + date.getYear());
            }
        }

        @Override
        public String line() {
            return FORMAT.format(date);
        }
    }

    /**
     * The reply to {@code ECHO <text>}: the text, verbatim.
     *
     * @param text the text the client sent, and the server sends back
     */
    record Echo(String text) implements Response {
        /**
         * Checks that the text can travel on one line.
         *
         * @param text the text the client sent, and the server sends back
         * @throws IllegalArgumentException if {@code text} cannot travel on one line
         */
        public Echo {
            Text.requireLineSafe(Objects.requireNonNull(text, "text"), "text");
        }

        @Override
        public String line() {
            return text;
        }
    }

    /**
     * The reply to {@code REQIP}: the client's address as text. A server sends IPv4 dotted or IPv6 in its RFC 5952
     * form ({@link #of}); a client accepts any valid IPv6 text form, and {@link #isCanonical()} tells which it got.
     *
     * @param address the client's IP address as text
     */
    record Address(String address) implements Response {
        /**
         * Checks that {@code address} is an IP literal.
         *
         * @param address the client's IP address as text
         * @throws IllegalArgumentException if {@code address} is not an IP literal
         */
        public Address {
            if (IpLiterals.parse(Objects.requireNonNull(address, "address")).isEmpty()) {
                throw new IllegalArgumentException("not an IP address: " + SafeText.escape(address));
            }
        }

        /**
         * The reply for {@code address}, in canonical form; IPv4-mapped IPv6 addresses are given as IPv4.
         *
         * @param address the client's address
         * @return the reply with the canonical text of {@code address}
         */
        public static Address of(InetAddress address) {
            return new Address(IpLiterals.format(address));
        }

        /**
         * True if the text is the form a server must send: dotted IPv4, or IPv6 as RFC 5952 recommends.
         *
         * @return true if the address is in canonical form
         */
        public boolean isCanonical() {
            return IpLiterals.isCanonical(address);
        }

        @Override
        public String line() {
            return address;
        }
    }

    /** The reply to {@code BYE}: {@code See ya later}, after which the server closes the connection. */
    record Goodbye() implements Response {
        @Override
        public String line() {
            return "See ya later";
        }
    }

    /**
     * An error reply: {@code ERR <reason> <text>}. The reason is a token; clients act on it alone, and accept
     * tokens this version does not know.
     *
     * @param reason the reason token, e.g. {@code unknown-command}
     * @param text the explanation for humans; may be empty
     */
    record ErrorReply(String reason, String text) implements Response {
        /**
         * Checks that the reason is one word and both parts fit on one line.
         *
         * @param reason the reason token, one word
         * @param text the explanation for humans; may be empty
         * @throws IllegalArgumentException if {@code reason} is not one word, or either part cannot travel on one line
         */
        public ErrorReply {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(text, "text");
            if (reason.isEmpty() || Text.hasBlank(reason)) {
                throw new IllegalArgumentException("reason must be one non-empty word");
            }
            Text.requireLineSafe(reason, "reason");
            Text.requireLineSafe(text, "text");
        }

        /**
         * The error reply for a reason this version defines.
         *
         * @param reason the reason
         * @return the reply with the reason's token and its fixed text
         */
        public static ErrorReply of(ErrorReason reason) {
            return new ErrorReply(reason.token(), reason.text());
        }

        /**
         * The reason, if this version knows its token.
         *
         * @return the reason, or empty if its token is unknown to this version
         */
        public Optional<ErrorReason> knownReason() {
            return ErrorReason.forToken(reason);
        }

        @Override
        public String line() {
            return text.isEmpty() ? ERROR_PREFIX + reason : ERROR_PREFIX + reason + " " + text;
        }
    }
}
