package io.helo.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.MinaUse;
import io.helo.server.ServerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every session of the listener is given, on either kind of MINA parts. */
class ListenerTest {

    @ParameterizedTest
    @EnumSource(MinaUse.class)
    void shouldLeaveTheWriteTimeoutToTheConnectionAlone(MinaUse minaUse) {
        // MINA's own write timeout (60 s unless told) would cut a slow client before a longer --write-timeout
        Listener listener = new Listener(ServerConfig.builder().minaUse(minaUse).build(), new byte[0], () -> { });
        try {
            assertThat(listener.service().getSessionConfig().getWriteTimeoutInMillis()).isZero();
        } finally {
            listener.dispose();
        }
    }
}
