package io.helo.codec;

/** A request line that breaks the protocol; the server answers it with {@link Response.Error}. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ErrorReason reason;

    /** Creates the exception for {@code reason}. */
    public ProtocolException(ErrorReason reason) {
        super(reason.token(), null, false, false); // expected on bad input: no stack trace to fill
        this.reason = reason;
    }

    /** Why the line was rejected. */
    public ErrorReason reason() {
        return reason;
    }
}
