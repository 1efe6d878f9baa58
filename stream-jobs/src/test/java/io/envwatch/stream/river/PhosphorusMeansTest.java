package io.envwatch.stream.river;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.Harnesses;
import io.envwatch.stream.incidents.Judgement;
import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PhosphorusMeansTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long T0 = 1_763_740_800_000L; // a whole hour
    private static final long MINUTE = 60_000;

    @Test
    void rollingHourlyMeansAreClassifiedAndJudgedAgainstTheTargetClass() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Reading, PhosphorusMean> harness =
                Harnesses.keyed(in -> RiverRules.means(in, REGISTRY))) {
            // Qiling (target IV, bound 0.3): 0.18 for half an hour, then a discharge at 0.62
            for (int m = 0; m < 60; m += 5) {
                double tp = m < 30 ? 0.18 : 0.62;
                harness.processElement(reading("W-QILING", Quantity.TP, tp, T0 + m * MINUTE), T0 + m * MINUTE);
            }
            harness.processWatermark(T0 + 60 * MINUTE);
            List<PhosphorusMean> means = harness.extractOutputValues();
            // windows of an hour sliding by ten minutes that end by T0+60: six of them
            assertThat(means).hasSize(6);
            PhosphorusMean full = means.get(means.size() - 1);
            assertThat(full.start).isEqualTo(T0);
            assertThat(full.mean).isEqualTo(0.4);
            assertThat(full.waterClass).isEqualTo("V");
            assertThat(full.targetClass).isEqualTo("IV");
            Judgement j = new RiverRules.PhosphorusJudgement(REGISTRY).map(full);
            assertThat(j.exceeded).isTrue();
            assertThat(j.limit).isEqualTo(0.3);
            PhosphorusMean early = means.get(0);
            assertThat(early.end).isEqualTo(T0 + 10 * MINUTE);
            assertThat(early.waterClass).isEqualTo("III");
            assertThat(new RiverRules.PhosphorusJudgement(REGISTRY).map(early).exceeded)
                    .isFalse();
        }
    }

    @Test
    void eachReadingIsClassified() throws Exception {
        RiverRules.Classify classify = new RiverRules.Classify(REGISTRY);
        assertThat(classify.map(reading("W-QILING", Quantity.TP, 0.2, T0)).waterClass)
                .isEqualTo("III");
        assertThat(classify.map(reading("W-QILING", Quantity.TP, 0.2001, T0)).waterClass)
                .isEqualTo("IV");
        assertThat(classify.map(reading("W-QILING", Quantity.TP, 0.41, T0)).waterClass)
                .isEqualTo("worse-than-V");
        assertThat(classify.map(reading("W-QILING", Quantity.TP, 0.41, T0)).station)
                .isEqualTo("ST-QILING");
    }
}
