package io.helo.codec;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parses a reply line (without its terminator) as the answer to the request it follows. */
public final class ResponseParser {
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String GREETING_PREFIX = "Hello ";
    private static final String GREETING_SUFFIX = ", pleased to meet you.";
    private static final Response GOODBYE = new Response.Goodbye();

    private ResponseParser() {
    }

    /**
     * Parses {@code line} as the reply to {@code request}.
     *
     * <p>An ECHO reply equal to the echoed text is a success even if it looks like an error reply.
     *
     * @throws UnexpectedReplyException if the line is neither a valid answer to the request nor an error reply
     */
    public static Response parse(Request request, String line) throws UnexpectedReplyException {
        Response success = parseSuccess(request, line);
        if (success != null) {
            return success;
        }
        Response.Error error = parseError(line);
        if (error != null) {
            return error;
        }
        throw new UnexpectedReplyException(
                "unexpected reply to " + request.command() + ": \"" + SafeText.escape(line) + "\"");
    }

    /** Parses an error reply, {@code ERR <reason> [text]}, or returns {@code null} if the line is not one. */
    public static Response.Error parseError(String line) {
        if (!line.startsWith(Response.ERROR_PREFIX) || Text.hasControl(line)) {
            return null;
        }
        String rest = line.substring(Response.ERROR_PREFIX.length());
        int space = rest.indexOf(' ');
        String reason = space < 0 ? rest : rest.substring(0, space);
        String text = space < 0 ? "" : rest.substring(space + 1);
        return reason.isEmpty() || reason.indexOf('\t') >= 0 ? null : new Response.Error(reason, text);
    }

    private static Response parseSuccess(Request request, String line) {
        return switch (request.command()) {
            case HELO -> parseGreeting(line);
            case REQTIME -> parseTime(line);
            case REQDATE -> parseDate(line);
            case ECHO -> line.equals(((Request.Echo) request).text()) ? new Response.Echo(line) : null;
            case REQIP -> IpLiterals.isCanonical(line) ? new Response.Address(line) : null;
            case BYE -> GOODBYE.line().equals(line) ? GOODBYE : null;
        };
    }

    private static Response parseGreeting(String line) {
        if (!line.startsWith(GREETING_PREFIX) || !line.endsWith(GREETING_SUFFIX)
                || line.length() <= GREETING_PREFIX.length() + GREETING_SUFFIX.length()) {
            return null;
        }
        String hostname = line.substring(GREETING_PREFIX.length(), line.length() - GREETING_SUFFIX.length());
        try {
            return new Response.Greeting(hostname);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response parseTime(String line) {
        try {
            return TIME.matcher(line).matches() ? new Response.Time(LocalTime.parse(line)) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Response parseDate(String line) {
        try {
            return DATE.matcher(line).matches() ? new Response.Date(LocalDate.parse(line)) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
