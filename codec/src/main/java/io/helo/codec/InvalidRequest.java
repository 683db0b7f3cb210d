package io.helo.codec;

import java.util.Objects;

/**
 * A request line the server-side decoder could not accept; the server answers it with an error reply.
 *
 * @param reason why the line was not accepted
 */
public record InvalidRequest(ErrorReason reason) implements ParsedRequest {
    /**
     * Checks that a reason is given.
     *
     * @param reason why the line was not accepted
     */
    public InvalidRequest {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The error reply this line deserves.
     *
     * @return the error reply with this request's reason and its fixed text
     */
    public Response.ErrorReply reply() {
        return Response.ErrorReply.of(reason);
    }
}
