package io.helo.server.proxy;

import java.net.InetSocketAddress;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Who the client of a session is: the address a PROXY protocol header carried, if a trusted proxy sent one, else
 * the connection's own remote address. Whatever sits before the handler publishes it here; the handler reads it
 * here, whether or not a proxy is configured.
 */
public final class ClientAddress {
    private static final AttributeKey CARRIED = new AttributeKey(ClientAddress.class, "carried");
    private static final AttributeKey PROXY_LOCAL = new AttributeKey(ClientAddress.class, "proxy-local");

    private ClientAddress() {
    }

    /**
     * The client's address for {@code session}.
     *
     * @param session the client's session
     * @return the address a trusted proxy's header carried, else the session's remote address
     */
    public static InetSocketAddress of(IoSession session) {
        Object carried = session.getAttribute(CARRIED);
        return carried != null ? (InetSocketAddress) carried : (InetSocketAddress) session.getRemoteAddress();
    }

    /**
     * True for a connection a proxy made for itself, such as a health check: v2 LOCAL, v1 UNKNOWN, or a header
     * whose source is the connection's own remote end.
     *
     * @param session the session to look at
     * @return true if a trusted proxy made the connection for itself
     */
    public static boolean isProxyLocal(IoSession session) {
        return session.containsAttribute(PROXY_LOCAL);
    }

    /** Records that a trusted proxy speaks for {@code client} on this connection. */
    static void carried(IoSession session, InetSocketAddress client) {
        session.setAttribute(CARRIED, client);
    }

    /** Records that a trusted proxy made this connection for itself. */
    static void proxyLocal(IoSession session) {
        session.setAttribute(PROXY_LOCAL, Boolean.TRUE);
    }

    /** True once a trusted proxy's header said who the client is (or that there is none but the proxy). */
    static boolean isSettled(IoSession session) {
        return session.containsAttribute(CARRIED) || session.containsAttribute(PROXY_LOCAL);
    }
}
