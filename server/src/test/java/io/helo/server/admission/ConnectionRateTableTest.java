package io.helo.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rate table holds at most its capacity, forgets those that connected least recently first, and counts them. */
class ConnectionRateTableTest {
    private static final long WINDOW = TimeUnit.SECONDS.toNanos(10);

    @Test
    void shouldHoldNoMoreClientsThanItsCapacityAndForgetTheLeastRecentFirst() throws Exception {
        ConnectionRate rate = new ConnectionRate(3, WINDOW, 16);
        InetAddress busy = network(0);
        long now = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(rate.tryAcquire(busy, now++)).isTrue();
        }
        for (int n = 1; n <= 1000; n++) {
            assertThat(rate.tryAcquire(network(n), now++)).as("a new network's first connection").isTrue();
            // the busy client keeps connecting, so it is never the least recent: still refused, never forgotten
            assertThat(rate.tryAcquire(busy, now++)).isFalse();
            assertThat(rate.tracked()).isLessThanOrEqualTo(16);
        }
        assertThat(rate.evicted()).isEqualTo(1001 - rate.tracked());
    }

    @Test
    void shouldForgetIdleClientsBeforeRecentOnes() throws Exception {
        ConnectionRate rate = new ConnectionRate(3, WINDOW, 16);
        for (int n = 0; n < 15; n++) {
            rate.tryAcquire(network(n), 0); // all idle two windows later
        }
        InetAddress recent = network(100);
        for (int i = 0; i < 3; i++) {
            rate.tryAcquire(recent, 2 * WINDOW - 1);
        }
        rate.tryAcquire(network(101), 2 * WINDOW); // the table is full: the idle fifteen go, the recent one stays
        assertThat(rate.tracked()).isEqualTo(2);
        assertThat(rate.evicted()).isEqualTo(15);
        assertThat(rate.tryAcquire(recent, 2 * WINDOW)).as("still over its rate").isFalse();
    }

    /** The /64 number {@code n} of 2001:db8::/32. */
    private static InetAddress network(int n) throws UnknownHostException {
        return InetAddress.getByName(String.format("2001:db8:%x:%x::", n >>> 16, n & 0xffff));
    }
}
