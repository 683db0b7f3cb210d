package io.helo.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.testing.LoopbackServer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.management.MBeanAttributeInfo;
import org.junit.jupiter.api.Test;

/** JMX and Prometheus publish every row of the one table of measures, and nothing else of the server's. */
class MeasuresTest {
    @Test
    void shouldPublishEveryMeasureOverJmxAsAnAttributeOfItsName() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()) {
            MBeanAttributeInfo[] attributes = ManagementFactory.getPlatformMBeanServer()
                    .getMBeanInfo(server.server().mbeanName()).getAttributes();

            assertThat(Arrays.stream(attributes).map(MBeanAttributeInfo::getName))
                    .containsExactlyElementsOf(Measures.ALL.stream().map(Measure::attribute).toList());
            assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(server.server().mbeanName(),
                    "HeldBytes")).isEqualTo(0L);
        }
    }

    @Test
    void shouldPublishEveryMeasureToPrometheusUnderItsName() throws Exception {
        try (LoopbackServer server = LoopbackServer.start();
                MetricsEndpoint metrics = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        0), server.counters(), () -> true, Optional::empty)) {
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + metrics.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            for (Measure measure : Measures.ALL) {
                String name = measure.name() + (measure.kind().bytes() ? "_bytes" : "")
                        + (measure.kind().counter() ? "_total" : "");
                assertThat(text).as(measure.name()).contains("# HELP " + name + " " + measure.help() + "\n");
            }
            // every measure, and the build's version beside them
            assertThat(text.lines().filter(line -> line.startsWith("# HELP helo_")).count())
                    .isEqualTo(Measures.ALL.size() + 1);
            assertThat(text).contains("# HELP helo_build_info ");
        }
    }
}
