package io.envwatch.stream.river;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.ingest.simulator.GatewaySimulator;
import io.envwatch.ingest.simulator.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class UpstreamAttributionTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long START = Instant.parse("2026-10-31T16:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    @Test
    void aDischargeAtTangxiaIsTracedBackToTangxiaAndItsPlants() throws Exception {
        Scenario discharge =
                new Scenario("discharge", "W-TANGXIA", Quantity.TP, Duration.ofHours(48), Duration.ofDays(5), 0.62);
        GatewaySimulator river = new GatewaySimulator(
                REGISTRY,
                "tcp://unused:1",
                Integer.MAX_VALUE,
                Duration.ofHours(4),
                List.of(discharge),
                () -> START,
                11);
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, Attribution> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new UpstreamAttribution(REGISTRY)), r -> "shima", Types.STRING)) {
            harness.open();
            for (long t = START; t < START + 72 * HOUR; t += 4 * HOUR) {
                for (Reading r : river.batch("gw-river-01", t)) {
                    harness.processElement(r, r.timestamp);
                }
            }
            List<Attribution> attributions = harness.extractOutputValues();
            assertThat(attributions).isNotEmpty();
            Attribution first = attributions.get(0);
            // The discharge starts at 48 h and needs 7.5 h to reach Qiling: the first sample after is at 56 h.
            assertThat(first.timestamp).isEqualTo(START + 56 * HOUR);
            assertThat(first.section).isEqualTo("ST-QILING");
            assertThat(first.leading).isEqualTo("ST-TANGXIA");
            // Tangxia's own increase, seen 450 minutes earlier, dwarfs what the others show: with samples
            // every 4 h the stations in between were last sampled before the load passed them.
            assertThat(first.ranking.get(0)).startsWith("ST-TANGXIA:").endsWith(":450");
            double leader = Double.parseDouble(first.ranking.get(0).split(":")[1]);
            double next = Double.parseDouble(first.ranking.get(1).split(":")[1]);
            assertThat(leader).isGreaterThan(0.4).isGreaterThan(5 * next);
            assertThat(first.suspects).isNotEmpty().allMatch(s -> s.contains(" @"));
            assertThat(first.suspects.get(0)).startsWith("林村表面处理厂 (金属表面处理)");
            assertThat(first.rise).isGreaterThan(0.1);
        }
    }
}
