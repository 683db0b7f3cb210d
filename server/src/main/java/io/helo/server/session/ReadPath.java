package io.helo.server.session;

import io.helo.server.config.Limits;
import io.helo.codec.LineFramer;
import io.helo.server.ServerConfig;
import java.net.InetSocketAddress;

/**
 * The server's answer to reads of one session, without MINA or sockets: the very framer, parser, conversation and
 * batch of replies the server runs, for benchmarks (bench's {@code ReadPathBenchmark}) and tests.
 */
public final class ReadPath {
    private final Conversation conversation;
    private final LineFramer framer;
    private final ReplyBatch batch;

    /**
     * A session of {@code client} on a server configured by {@code config}.
     *
     * @param config the limits and clock of the server
     * @param client the client's address, which REQIP gives
     */
    public ReadPath(ServerConfig config, InetSocketAddress client) {
        this.conversation = new Conversation(client.getAddress(), new ClockReplies(config.clock()),
                config.get(Limits.MAX_ERRORS), reason -> { });
        this.framer = new LineFramer(config.get(Limits.MAX_LINE_LENGTH), config.get(Limits.MAX_DISCARD));
        this.batch = new ReplyBatch(config.get(Limits.MAX_READ));
    }

    /**
     * Answers the read {@code bytes[from, to)} as one batch does; returns the octets of replies it wrote.
     *
     * @param bytes the array holding the octets read
     * @param from the index of the first octet read
     * @param to the index just past the last octet read
     * @return the number of reply octets written
     */
    public int answer(byte[] bytes, int from, int to) {
        batch.begin(conversation, framer, "read path").answer(bytes, from, to);
        batch.forgetCounts();
        return batch.length();
    }
}
