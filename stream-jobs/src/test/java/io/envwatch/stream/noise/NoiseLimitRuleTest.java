package io.envwatch.stream.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.ingest.readings.Quantity;
import io.envwatch.ingest.readings.Reading;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.stream.alerts.DutyAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NoiseLimitRuleTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    /** 23:00 in Dongguan: night. FE-N01 is a zone 3 factory boundary: night limit 55, day 65. */
    private static final long NIGHT = Instant.parse("2026-11-21T15:00:00Z").toEpochMilli();
    /** 10:00 in Dongguan. */
    private static final long DAY = Instant.parse("2026-11-22T02:00:00Z").toEpochMilli();

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, DutyAlert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new NoiseLimitRule(REGISTRY, Duration.ofMinutes(10))),
                r -> r.site, org.apache.flink.api.common.typeinfo.Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void noise(String site, long ts, double value) throws Exception {
        harness.processElement(new Reading(site, Quantity.NOISE, value, ts, "gw"), ts);
    }

    private List<DutyAlert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void nightLimitAppliesAtNightLocalTime() throws Exception {
        noise("FE-N01", NIGHT, 58);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.limit).isEqualTo(55);
            assertThat(a.period).isEqualTo("night");
            assertThat(a.state).isEqualTo("open");
            assertThat(a.team).isEqualTo("team-fenggang");
            assertThat(a.id).isEqualTo("FE-N01:noise-limit:" + NIGHT);
        });
    }

    @Test
    void theSameLevelIsCompliantByDay() throws Exception {
        noise("FE-N01", DAY, 58);
        assertThat(alerts()).isEmpty();
        noise("FE-N01", DAY + 1000, 65.1);
        assertThat(alerts()).extracting(a -> a.limit).containsExactly(65.0);
    }

    @Test
    void oneAlertPerIncidentUpdatedOnlyOnANewPeak() throws Exception {
        noise("FE-N01", NIGHT, 60);
        noise("FE-N01", NIGHT + 1_000, 59);
        noise("FE-N01", NIGHT + 2_000, 60);
        noise("FE-N01", NIGHT + 3_000, 62);
        noise("FE-N01", NIGHT + 4_000, 50);
        assertThat(alerts()).hasSize(2).extracting(a -> a.id).containsOnly("FE-N01:noise-limit:" + NIGHT);
        assertThat(alerts().get(1).peak).isEqualTo(62);
    }

    @Test
    void clearsAfterTheQuietPeriodAndDropsItsState() throws Exception {
        noise("FE-N01", NIGHT, 60);
        noise("FE-N01", NIGHT + 60_000, 61);
        harness.processWatermark(NIGHT + 10 * 60_000); // 10 min after the first, 9 after the last
        assertThat(alerts()).extracting(a -> a.state).containsExactly("open", "open");
        harness.processWatermark(NIGHT + 11 * 60_000);
        assertThat(alerts()).extracting(a -> a.state).containsExactly("open", "open", "cleared");
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        noise("FE-N01", NIGHT + 12 * 60_000, 60);
        assertThat(alerts().get(3).id).isEqualTo("FE-N01:noise-limit:" + (NIGHT + 12 * 60_000));
    }

    @Test
    void indoorPointsUseLimitsTenDecibelsLower() throws Exception {
        // FE-N91 is a bedroom in zone 1: night limit 45, indoors 35.
        noise("FE-N91", NIGHT, 36);
        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.limit).isEqualTo(35));
    }

    @Test
    void otherQuantitiesAndCompliantReadingsKeepNoState() throws Exception {
        harness.processElement(new Reading("FE-O01", Quantity.H2S, 5, NIGHT, "gw"), NIGHT);
        noise("FE-N01", NIGHT, 40);
        assertThat(alerts()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
