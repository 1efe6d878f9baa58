package io.envwatch.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewaySimulatorTest {
    private static final Registry REGISTRY = RegistryLoader.sample();

    @Test
    void normalReadingsStayUnderTheLimitsAndScenariosRiseAboveThem() {
        long night = Instant.parse("2026-11-21T15:00:00Z").toEpochMilli(); // 23:00 local
        GatewaySimulator sim = new GatewaySimulator(
                REGISTRY,
                "tcp://unused:1",
                Integer.MAX_VALUE,
                Duration.ofSeconds(1),
                GatewaySimulator.sampleScenarios(),
                () -> night,
                1);
        List<Reading> fenggang = sim.batch("gw-fenggang-01", night + 60_000);
        Reading boundary = fenggang.stream()
                .filter(r -> r.site.equals("FE-N01"))
                .findFirst()
                .orElseThrow();
        // The scenario clock starts at construction (night); FE-N01's episode is on a minute later.
        assertThat(boundary.value)
                .isGreaterThan(REGISTRY.limits().noise(REGISTRY.site("FE-N01").orElseThrow(), true) + 10);
        Reading ambient = fenggang.stream()
                .filter(r -> r.site.equals("FE-N90"))
                .findFirst()
                .orElseThrow();
        assertThat(ambient.value)
                .isLessThan(REGISTRY.limits().noise(REGISTRY.site("FE-N90").orElseThrow(), true));
        List<Reading> river = sim.batch("gw-river-01", night + 60_000);
        assertThat(river).extracting(r -> r.quantity).containsOnly(Quantity.TP.wireName());
        assertThat(river).hasSize(6);
    }

    @Test
    void aDischargeTravelsDownstreamDilutedAndLate() {
        long start = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        Scenario discharge =
                new Scenario("discharge", "W-TANGXIA", Quantity.TP, Duration.ZERO, Duration.ofDays(3), 0.62);
        GatewaySimulator sim = new GatewaySimulator(
                REGISTRY, "tcp://unused:1", Integer.MAX_VALUE, Duration.ofHours(4), List.of(discharge), () -> start, 5);
        // Tangxia -> Lincun 180 min -> Changping 150 min -> Qiling 120 min: Qiling sees it after 7.5 h.
        assertThat(tp(sim.batch("gw-river-01", start + 60_000), "W-QILING")).isLessThan(0.25);
        assertThat(tp(sim.batch("gw-river-01", start + 8 * 3600_000L), "W-QILING"))
                .isGreaterThan(0.3);
        assertThat(tp(sim.batch("gw-river-01", start + 8 * 3600_000L), "W-TANGXIA"))
                .isGreaterThan(0.55);
        assertThat(tp(sim.batch("gw-river-01", start + 8 * 3600_000L), "W-FENGGANG"))
                .isLessThan(0.2);
    }

    private static double tp(List<Reading> batch, String site) {
        return batch.stream().filter(r -> r.site.equals(site)).findFirst().orElseThrow().value;
    }
}
