package io.helo.codec;

import java.util.Objects;

/** A request line the server-side decoder could not accept; the server answers it with an error reply. */
public record InvalidRequest(ErrorReason reason) implements ParsedRequest {
    /** Checks that a reason is given. */
    public InvalidRequest {
        Objects.requireNonNull(reason, "reason");
    }

    /** The error reply this line deserves. */
    public Response.ErrorReply reply() {
        return Response.ErrorReply.of(reason);
    }
}
