package io.helo.codec;

/** Parses request lines (already stripped of their terminator) into {@link Request}s. */
public final class RequestParser {
    private static final Request REQTIME = new Request.ReqTime();
    private static final Request REQDATE = new Request.ReqDate();
    private static final Request REQIP = new Request.ReqIp();
    private static final Request BYE = new Request.Bye();

    private RequestParser() {
    }

    /**
     * Parses one request line.
     *
     * @throws ProtocolException with the reason the server must reply with, if the line is not a valid request
     */
    public static Request parse(String line) throws ProtocolException {
        if (line.isEmpty()) {
            throw new ProtocolException(ErrorReason.EMPTY_LINE);
        }
        if (Text.hasControl(line)) {
            throw new ProtocolException(ErrorReason.BAD_CHARACTER);
        }
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? null : line.substring(space + 1);
        Command command = Command.lookup(verb);
        if (command == null) {
            throw new ProtocolException(ErrorReason.UNKNOWN_COMMAND);
        }
        return switch (command) {
            case HELO -> helo(argument);
            case ECHO -> echo(argument);
            case REQTIME -> withoutArgument(argument, REQTIME);
            case REQDATE -> withoutArgument(argument, REQDATE);
            case REQIP -> withoutArgument(argument, REQIP);
            case BYE -> withoutArgument(argument, BYE);
        };
    }

    private static Request helo(String argument) throws ProtocolException {
        if (argument == null || argument.isEmpty() || Text.hasBlank(argument)) {
            throw new ProtocolException(ErrorReason.BAD_ARGUMENT);
        }
        return new Request.Helo(argument);
    }

    private static Request echo(String argument) throws ProtocolException {
        if (argument == null) {
            throw new ProtocolException(ErrorReason.BAD_ARGUMENT);
        }
        return new Request.Echo(argument);
    }

    private static Request withoutArgument(String argument, Request request) throws ProtocolException {
        if (argument != null) {
            throw new ProtocolException(ErrorReason.BAD_ARGUMENT);
        }
        return request;
    }
}
