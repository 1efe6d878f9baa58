package io.envwatch.stream.noise;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.Harnesses;
import io.envwatch.stream.readings.SiteReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaeqIntervalsTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    /** 21:58 in Dongguan (13:58 UTC): two minutes before the night limit applies. */
    private static final long T2158 = Instant.parse("2026-11-21T13:58:00Z").toEpochMilli();

    private static final long MINUTE = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> harness;

    private void open(Duration length) throws Exception {
        harness = Harnesses.keyed(in -> NoiseRules.atSite(SiteReadings.keyed(in), REGISTRY, List.of(length)));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void noise(String site, long ts, double value) throws Exception {
        harness.processElement(reading(site, Quantity.NOISE, value, ts), ts);
    }

    private List<LaeqInterval> intervals() {
        return harness.extractOutputValues();
    }

    @Test
    void anEnergyAverageNotAnArithmeticMean() throws Exception {
        open(Duration.ofMinutes(1));
        for (int s = 0; s < 60; s++) {
            noise("FE-N01", T2158 + s * 1000L, s % 2 == 0 ? 50 : 60);
        }
        harness.processWatermark(T2158 + MINUTE);
        assertThat(intervals()).singleElement().satisfies(i -> {
            assertThat(i.laeq).isCloseTo(57.4, within(0.01));
            assertThat(i.count).isEqualTo(60);
            assertThat(i.lmax).isEqualTo(60);
            assertThat(i.start).isEqualTo(T2158);
            assertThat(i.end).isEqualTo(T2158 + MINUTE);
        });
        assertThat(EnergyAverage.laeq(50, 60)).isCloseTo(57.4, within(0.01));
    }

    @Test
    void theNightLimitStartsAt2200LocalOnAUtcClock() throws Exception {
        open(Duration.ofMinutes(1));
        noise("FE-N01", T2158 + MINUTE + 30_000, 58); // 21:59:30 local: day, zone 3 limit 65
        noise("FE-N01", T2158 + 2 * MINUTE + 30_000, 58); // 22:00:30 local: night, limit 55
        harness.processWatermark(T2158 + 3 * MINUTE);
        assertThat(intervals()).extracting(i -> i.period + " " + i.limit).containsExactly("day 65.0", "night 55.0");
    }

    @Test
    void hourlyIntervalsAlignToLocalHours() throws Exception {
        open(Duration.ofHours(1));
        noise("FE-N01", T2158, 50);
        harness.processWatermark(T2158 + 2 * MINUTE);
        // 21:00-22:00 local closed at 14:00 UTC; its start is 21:00 local = 13:00 UTC.
        assertThat(intervals()).singleElement().satisfies(i -> {
            assertThat(i.start).isEqualTo(Instant.parse("2026-11-21T13:00:00Z").toEpochMilli());
            assertThat(i.interval).isEqualTo("PT1H");
        });
    }

    @Test
    void outOfOrderReadingsLandInTheirIntervalAndLateOnesAreSetAside() throws Exception {
        open(Duration.ofMinutes(1));
        noise("FE-N01", T2158 + 10_000, 50);
        noise("FE-N01", T2158 + MINUTE + 5_000, 70); // the next minute arrives first...
        noise("FE-N01", T2158 + 20_000, 60); // ...then a straggler for the first: still in time
        harness.processWatermark(T2158 + MINUTE);
        noise("FE-N01", T2158 + 30_000, 90); // the first minute is closed: late
        harness.processWatermark(T2158 + 2 * MINUTE);
        assertThat(intervals()).extracting(i -> i.count).containsExactly(2L, 1L);
        assertThat(intervals().get(0).laeq).isCloseTo(EnergyAverage.laeq(50, 60), within(0.01));
        assertThat(harness.getSideOutput(SiteNoise.late(Duration.ofMinutes(1))))
                .extracting(StreamRecord::getValue)
                .extracting(r -> r.value)
                .containsExactly(90.0);
    }

    @Test
    void indoorPointsAreJudgedTenDecibelsLower() throws Exception {
        open(Duration.ofMinutes(1));
        noise("FE-N91", T2158 + 2 * MINUTE, 36); // a bedroom in zone 1 at 22:00: 45 - 10
        harness.processWatermark(T2158 + 3 * MINUTE);
        assertThat(intervals())
                .singleElement()
                .satisfies(i -> assertThat(i.limit).isEqualTo(35));
    }

    @Test
    void aReadingAtAClosedIntervalsLastMillisecondIsLate() throws Exception {
        open(Duration.ofMinutes(1));
        noise("FE-N01", T2158, 50);
        harness.processWatermark(
                T2158 + MINUTE - 1); // the interval's last millisecond: closed, as Flink's windows close
        noise("FE-N01", T2158 + MINUTE - 1, 60);
        assertThat(intervals())
                .singleElement()
                .satisfies(i -> assertThat(i.count).isEqualTo(1));
        assertThat(harness.getSideOutput(SiteNoise.late(Duration.ofMinutes(1))))
                .extracting(StreamRecord::getValue)
                .extracting(r -> r.value)
                .containsExactly(60.0);
    }
}
