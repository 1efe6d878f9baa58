package io.envwatch.stream.silence;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.ingest.readings.Quantity;
import io.envwatch.ingest.readings.Reading;
import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.stream.incidents.Judgement;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SilenceDetectorTest {
    private static final long T0 = 1_763_740_800_000L;
    private static final long MINUTE = 60_000;
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, Judgement> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SilenceDetector(RegistryLoader.sample())), r -> r.site, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void noise(long ts) throws Exception {
        harness.processElement(reading("FE-N01", Quantity.NOISE, 50, ts), ts);
    }

    private List<Judgement> verdicts() {
        return harness.extractOutputValues();
    }

    @Test
    void fifteenMinutesWithoutReadingsIsANoDataExceedance() throws Exception {
        for (int m = 0; m < 5; m++) {
            noise(T0 + m * MINUTE);
        }
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(T0 + 18 * MINUTE);
        assertThat(verdicts()).isEmpty();
        harness.processWatermark(T0 + 19 * MINUTE);
        assertThat(verdicts()).singleElement().satisfies(j -> {
            assertThat(j.rule).isEqualTo("no-data");
            assertThat(j.exceeded).isTrue();
            assertThat(j.start).isEqualTo(T0 + 4 * MINUTE);
            assertThat(j.limit).isEqualTo(15);
        });
        noise(T0 + 30 * MINUTE);
        assertThat(verdicts()).hasSize(2);
        assertThat(verdicts().get(1).recovered).isTrue();
        assertThat(verdicts().get(1).value).isEqualTo(26);
    }

    @Test
    void theEndOfABoundedInputIsNotSilence() throws Exception {
        noise(T0);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(verdicts()).isEmpty();
    }
}
