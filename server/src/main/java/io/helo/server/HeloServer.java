package io.helo.server;

import io.helo.codec.mina.HeloCodecFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/** The HELO protocol server: a MINA NIO acceptor with the line codec and the protocol handler. */
public final class HeloServer implements AutoCloseable {
    private final ServerConfig config;
    private final NioSocketAcceptor acceptor;

    /** Creates a server for {@code config}; nothing is bound until {@link #start()}. */
    public HeloServer(ServerConfig config) {
        this.config = config;
        this.acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true); // rebind at once after a restart, despite TIME_WAIT
        acceptor.getSessionConfig().setTcpNoDelay(true); // one small reply per request: never wait for Nagle
        acceptor.getFilterChain().addLast("codec",
                new ProtocolCodecFilter(HeloCodecFactory.forServer(config.maxLineLength())));
        acceptor.setHandler(new ProtocolHandler(config.clock()));
    }

    /** Binds every configured address and returns the addresses actually bound (with real ports). */
    public List<InetSocketAddress> start() throws IOException {
        acceptor.bind(new ArrayList<SocketAddress>(config.bindAddresses()));
        return localAddresses();
    }

    /** The addresses the server listens on. */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> bound = new ArrayList<>();
        for (SocketAddress address : acceptor.getLocalAddresses()) {
            bound.add((InetSocketAddress) address);
        }
        return bound;
    }

    /** The number of connected clients. */
    public int connectionCount() {
        return acceptor.getManagedSessionCount();
    }

    /** Stops listening, closes every connection and releases the I/O threads. */
    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(true);
    }
}
