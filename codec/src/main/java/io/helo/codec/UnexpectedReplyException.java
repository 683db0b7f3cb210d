package io.helo.codec;

/** A reply line that is not a valid answer to the request it follows. */
public final class UnexpectedReplyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the request and the reply. */
    public UnexpectedReplyException(String message) {
        super(message);
    }
}
