package io.helo.codec;

import java.util.Objects;

/**
 * A request line a client sends; {@link #line()} is its exact wire form without the line end. The constructors
 * refuse values that cannot be sent (with {@link IllegalArgumentException}).
 */
public sealed interface Request extends ParsedRequest
        permits Request.Helo, Request.ReqTime, Request.ReqDate, Request.Echo, Request.ReqIp, Request.Bye {

    /**
     * The command this request carries.
     *
     * @return the command
     */
    Command command();

    /**
     * The request as sent on the wire, without CRLF.
     *
     * @return the line without its line end
     */
    String line();

    /**
     * {@code HELO <hostname>}: the greeting every session starts with.
     *
     * @param hostname the name the client gives itself
     */
    record Helo(String hostname) implements Request {
        /**
         * Checks that the hostname is one word of at most 255 octets of UTF-8, made of printable ASCII, letters,
         * marks, numbers, punctuation and symbols (PROTOCOL.md section 5.1).
         *
         * @param hostname the name the client gives itself
         * @throws IllegalArgumentException if {@code hostname} is not a valid HELO host name
         */
        public Helo {
            if (!Text.isHostname(Objects.requireNonNull(hostname, "hostname"))) {
                throw new IllegalArgumentException("not a valid HELO host name: " + SafeText.escape(hostname));
            }
        }

        @Override
        public Command command() {
            return Command.HELO;
        }

        @Override
        public String line() {
            return "HELO " + hostname;
        }
    }

    /** {@code REQTIME}: asks for the server's time of day. */
    record ReqTime() implements Request {
        @Override
        public Command command() {
            return Command.REQTIME;
        }

        @Override
        public String line() {
            return "REQTIME";
        }
    }

    /** {@code REQDATE}: asks for the server's date. */
    record ReqDate() implements Request {
        @Override
        public Command command() {
            return Command.REQDATE;
        }

        @Override
        public String line() {
            return "REQDATE";
        }
    }

    /**
     * {@code ECHO <text>}: asks the server to send {@code text} back verbatim.
     *
     * @param text the text the server is to send back
     */
    record Echo(String text) implements Request {
        /**
         * Checks that the text can travel on one line.
         *
         * @param text the text the server is to send back
         * @throws IllegalArgumentException if {@code text} cannot travel on one line
         */
        public Echo {
            Text.requireLineSafe(Objects.requireNonNull(text, "text"), "text");
        }

        @Override
        public Command command() {
            return Command.ECHO;
        }

        @Override
        public String line() {
            return "ECHO " + text;
        }
    }

    /** {@code REQIP}: asks for the client's address as the server sees it. */
    record ReqIp() implements Request {
        @Override
        public Command command() {
            return Command.REQIP;
        }

        @Override
        public String line() {
            return "REQIP";
        }
    }

    /** {@code BYE}: asks the server to reply and close the connection. */
    record Bye() implements Request {
        @Override
        public Command command() {
            return Command.BYE;
        }

        @Override
        public String line() {
            return "BYE";
        }
    }
}
