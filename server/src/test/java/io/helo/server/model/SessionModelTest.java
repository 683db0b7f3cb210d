package io.helo.server.model;

import io.helo.server.config.Connections;
import io.helo.server.config.Limits;
import io.helo.server.config.Timeouts;
import io.helo.server.testing.LoopbackServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Whole sessions against a real server on loopback, checked against the state machine of PROTOCOL.md
 * ({@link ProtocolModel}): random sequences of valid and invalid lines, pipelined in batches cut into writes at
 * random, every reply compared byte for byte, the close checked when the session ends; a failure shrinks to the
 * smallest session that shows it. The server has small limits, so that long, endless and too many bad lines come
 * often; no quiet period, so that no pause between writes can end a line; and a fixed clock. A thousand sessions
 * by default (jqwik's default tries); {@code -Djqwik.tries.default=N} for a longer run.
 *
 * <p>Not generated: another protocol's binary first octets (TLS, PROXY v2), which the server recognises in the
 * connection's first read only, so that what it answers depends on how the first octets are cut into reads.
 */
class SessionModelTest {
    private static final int MAX_LINE_LENGTH = 100;
    private static final int MAX_DISCARD = 600;
    private static final int MAX_ERRORS = 20;
    private static final Instant NOW = Instant.parse("2014-01-29T22:23:14Z");
    private static LoopbackServer server;

    private final List<LiveSession> sessions = new ArrayList<>();

    @BeforeContainer
    static void start() throws IOException {
        server = LoopbackServer.start(b -> b.clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .set(Timeouts.QUIET_LINE_END, Duration.ZERO).set(Limits.MAX_LINE_LENGTH, MAX_LINE_LENGTH)
                .set(Limits.MAX_DISCARD, MAX_DISCARD).set(Limits.MAX_ERRORS, MAX_ERRORS)
                .set(Connections.MAX_CONNECTION_RATE, 0)); // a thousand sessions from one address in seconds
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @AfterTry
    void closeSessions() throws IOException {
        for (LiveSession session : sessions) {
            session.close();
        }
        sessions.clear();
    }

    @Property(shrinking = ShrinkingMode.FULL)
    void sessionsGetTheRepliesOfTheProtocolsStateMachine(@ForAll("sessions") ActionChain<LiveSession> chain)
            throws IOException {
        LiveSession session = chain.run();
        Statistics.label("ended by").collect(session.ended() ? session.endedBy() : "BYE after the chain");
        Statistics.label("lines sent").collect(bucket(session.linesSent()));
        session.finish();
    }

    private static String bucket(int lines) {
        return lines < 10 ? "1-9" : lines < 25 ? "10-24" : lines < 50 ? "25-49" : "50+";
    }

    @Provide
    Arbitrary<ActionChain<LiveSession>> sessions() {
        return ActionChain.<LiveSession>startWith(this::connect).withAction(new Exchange()).withMaxTransformations(16);
    }

    private LiveSession connect() {
        LiveSession session = new LiveSession(server.address(),
                new ProtocolModel(MAX_ERRORS, "127.0.0.1", "22:23:14", "2014-01-29"), MAX_LINE_LENGTH, MAX_DISCARD);
        sessions.add(session);
        return session;
    }

    /** Sends a batch of lines and checks the replies, until the session has ended. */
    private static final class Exchange implements Action.Dependent<LiveSession> {
        private static final Lines LINES = new Lines(MAX_LINE_LENGTH, MAX_DISCARD);

        @Override
        public Arbitrary<Transformer<LiveSession>> transformer(LiveSession session) {
            if (session.ended()) {
                return Arbitraries.just(Transformer.endOfChain());
            }
            return Combinators.combine(LINES.batch(), Lines.cuts()).as((lines, cuts) -> Transformer.mutate(
                    "send " + lines + " in " + (cuts.size() + 1) + " writes at most",
                    live -> live.exchange(lines, cuts)));
        }
    }
}
