package io.helo.codec;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parses a reply line, without its line end, as a client must read it (PROTOCOL.md section 6): as the answer to
 * the oldest request awaiting one, as the server's closing notice, or as unexpected. Never throws for what the
 * server sent.
 */
public final class ResponseParser {
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String GREETING_PREFIX = "Hello ";
    private static final String GREETING_SUFFIX = ", pleased to meet you.";
    private static final Response GOODBYE = new Response.Goodbye();

    private ResponseParser() {
    }

    /**
     * Parses {@code line}, received while {@code awaited} was the oldest request without a reply ({@code null} if
     * none was). In order: an ECHO reply equal to the echoed text is that reply, even if it looks like an error;
     * an error line with a closing reason, or any error line while nothing is awaited, is a {@link ClosingNotice};
     * any other error line answers the awaited request; then the success reply for the awaited request.
     *
     * @param awaited the oldest request awaiting a reply, or {@code null} if none is
     * @param line the line received, without its line end
     * @return a {@link Response}, a {@link ClosingNotice} or an {@link UnexpectedReply}
     */
    public static ServerLine parse(Request awaited, String line) {
        if (awaited instanceof Request.Echo echo && line.equals(echo.text())) {
            return new Response.Echo(line);
        }
        Response.ErrorReply error = parseError(line);
        if (error != null) {
            boolean closing = error.knownReason().map(ErrorReason::closesConnection).orElse(false);
            return closing || awaited == null ? new ClosingNotice(error) : error;
        }
        Response success = awaited == null ? null : parseSuccess(awaited, line);
        return success != null ? success : new UnexpectedReply(line, awaited);
    }

    /**
     * Parses an error reply, {@code ERR <reason> [text]}, or returns {@code null} if the line is not one.
     *
     * @param line the line received, without its line end
     * @return the error reply, or {@code null}
     */
    public static Response.ErrorReply parseError(String line) {
        if (!line.startsWith(Response.ERROR_PREFIX) || Text.hasControl(line) || Text.hasUnpairedSurrogate(line)) {
            return null;
        }
        String rest = line.substring(Response.ERROR_PREFIX.length());
        int space = rest.indexOf(' ');
        String reason = space < 0 ? rest : rest.substring(0, space);
        String text = space < 0 ? "" : rest.substring(space + 1);
        return reason.isEmpty() || reason.indexOf('\t') >= 0 ? null : new Response.ErrorReply(reason, text);
    }

    private static Response parseSuccess(Request request, String line) {
        return switch (request.command()) {
            case HELO -> parseGreeting(line);
            case REQTIME -> parseTime(line);
            case REQDATE -> parseDate(line);
            case ECHO -> null; // only the text itself, handled first
            case REQIP -> IpLiterals.parse(line).isPresent() ? new Response.Address(line) : null;
            case BYE -> GOODBYE.line().equals(line) ? GOODBYE : null;
        };
    }

    private static Response parseGreeting(String line) {
        if (!line.startsWith(GREETING_PREFIX) || !line.endsWith(GREETING_SUFFIX)) {
            return null;
        }
        String hostname = line.substring(GREETING_PREFIX.length(), line.length() - GREETING_SUFFIX.length());
        return Text.isHostname(hostname) ? new Response.Greeting(hostname) : null;
    }

    private static Response parseTime(String line) {
        return TIME.matcher(line).matches() ? new Response.CurrentTime(LocalTime.parse(line)) : null;
    }

    private static Response parseDate(String line) {
        try {
            return DATE.matcher(line).matches() ? new Response.CurrentDate(LocalDate.parse(line)) : null;
        } catch (DateTimeParseException invalidDay) { // such as 2014-02-30
            return null;
        }
    }
}
