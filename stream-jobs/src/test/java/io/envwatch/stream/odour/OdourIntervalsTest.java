package io.envwatch.stream.odour;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.Harnesses;
import io.envwatch.stream.incidents.Judgement;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class OdourIntervalsTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long T0 = 1_763_740_800_000L; // a whole hour
    private static final long MINUTE = 60_000;

    @Test
    void tenMinuteMeansPerPollutantAgainstTheSitesClassColumn() throws Exception {
        // TA-O03 is judged by class 1: H2S 0.03, NH3 1.0 mg/m3
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, ConcentrationInterval> harness =
                Harnesses.keyed(in -> OdourRules.intervals(in, REGISTRY))) {
            for (int m = 0; m < 10; m++) {
                harness.processElement(
                        reading("TA-O03", Quantity.H2S, m < 5 ? 0.02 : 0.05, T0 + m * MINUTE), T0 + m * MINUTE);
                harness.processElement(reading("TA-O03", Quantity.NH3, 0.4, T0 + m * MINUTE), T0 + m * MINUTE);
            }
            harness.processWatermark(T0 + 10 * MINUTE);
            var intervals = harness.extractOutputValues();
            assertThat(intervals).hasSize(2);
            ConcentrationInterval h2s = intervals.stream()
                    .filter(i -> i.quantity.equals("h2s"))
                    .findFirst()
                    .orElseThrow();
            assertThat(h2s.mean).isCloseTo(0.035, within(1e-9));
            assertThat(h2s.limit).isEqualTo(0.03);
            assertThat(h2s.max).isEqualTo(0.05);
            Judgement j = new OdourRules.OdourJudgement(REGISTRY).map(h2s);
            assertThat(j.exceeded).isTrue();
            assertThat(j.rule).isEqualTo("odour-h2s");
            ConcentrationInterval nh3 = intervals.stream()
                    .filter(i -> i.quantity.equals("nh3"))
                    .findFirst()
                    .orElseThrow();
            assertThat(new OdourRules.OdourJudgement(REGISTRY).map(nh3).recovered)
                    .isTrue();
        }
    }
}
