package io.helo.codec.mina;

import io.helo.codec.Request;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/** The client's encoder: remembers each request sent so its reply can be parsed as the answer to it. */
final class RequestEncoder extends LineEncoder<Request> {
    static final AttributeKey PENDING = new AttributeKey(RequestEncoder.class, "pending");

    RequestEncoder() {
        super(Request.class, Request::line);
    }

    @Override
    void beforeEncode(IoSession session, Request request) {
        pending(session).add(request);
    }

    @SuppressWarnings("unchecked")
    static Queue<Request> pending(IoSession session) {
        Queue<Request> queue = (Queue<Request>) session.getAttribute(PENDING);
        if (queue == null) {
            queue = new ConcurrentLinkedQueue<>();
            Queue<Request> raced = (Queue<Request>) session.setAttributeIfAbsent(PENDING, queue);
            if (raced != null) {
                queue = raced;
            }
        }
        return queue;
    }
}
