package io.envwatch.stream.silence;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.Harnesses;
import io.envwatch.stream.incidents.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SilenceDetectorTest {
    private static final long T0 = 1_763_740_800_000L;
    private static final long MINUTE = 60_000;
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, Judgement> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = detector();
        harness.open();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Judgement> detector() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SilenceDetector(RegistryLoader.sample())), r -> r.site, Types.STRING);
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
    void aSteadySiteIsNotHeldReadingByReading() throws Exception {
        // Ten minutes of readings a second ahead of event time (a burst): each is before the site's
        // silence timer, so it is taken at once rather than held with a timer of its own (the cost
        // per reading). What stays is a silence timer per minute the last reading moved.
        noise(T0);
        harness.processWatermark(T0);
        for (long t = T0 + 1000; t <= T0 + 10 * MINUTE; t += 1000) {
            noise(t);
        }
        assertThat(harness.numEventTimeTimers()).isLessThanOrEqualTo(11);
        harness.processWatermark(T0 + 10 * MINUTE);
        assertThat(verdicts()).isEmpty();
    }

    @Test
    void aSilenceBetweenReadingsEventTimePassesInOneStepIsStillASilence() throws Exception {
        // After a silence, two readings 20 minutes apart are held, and event time then jumps past both
        // (another gateway's burst): the gap between them is a silence of its own, as in time order.
        noise(T0);
        harness.processWatermark(T0 + 20 * MINUTE);
        noise(T0 + 30 * MINUTE);
        noise(T0 + 50 * MINUTE);
        harness.processWatermark(T0 + 60 * MINUTE);
        assertThat(verdicts())
                .extracting(j ->
                        (j.exceeded ? "silent from " : "back at ") + (j.exceeded ? j.start : j.end) / MINUTE % 1000)
                .containsExactly(
                        "silent from " + T0 / MINUTE % 1000,
                        "back at " + (T0 + 30 * MINUTE) / MINUTE % 1000,
                        "silent from " + (T0 + 30 * MINUTE) / MINUTE % 1000,
                        "back at " + (T0 + 50 * MINUTE) / MINUTE % 1000);
    }

    @Test
    void fifteenMinutesWithoutReadingsIsANoDataExceedance() throws Exception {
        for (int m = 0; m < 5; m++) {
            noise(T0 + m * MINUTE);
        }
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
        harness.processWatermark(T0 + 30 * MINUTE);
        assertThat(verdicts()).hasSize(2);
        assertThat(verdicts().get(1).recovered).isTrue();
        assertThat(verdicts().get(1).value).isEqualTo(26);
    }

    @Test
    void aRiverStationIsSilentOnlyAfterItsSamplingSlot() throws Exception {
        // every 4 h, as the default six samples a day
        for (int slot = 0; slot < 4; slot++) {
            long ts = T0 + slot * 240 * MINUTE;
            harness.processElement(reading("W-QILING", Quantity.TP, 0.2, ts), ts);
            harness.processWatermark(ts);
        }
        assertThat(verdicts()).isEmpty();
        harness.processWatermark(T0 + 3 * 240 * MINUTE + 255 * MINUTE);
        assertThat(verdicts()).singleElement().satisfies(j -> {
            assertThat(j.exceeded).isTrue();
            assertThat(j.limit).isEqualTo(255);
        });
    }

    @Test
    void aGapIsASilenceOrNotWhateverOrderTheReadingsCameIn() throws Exception {
        // FE-N01 every 30 s for 3 h, with two gaps: 14 min (not a silence) and 20 min (a silence)
        List<Reading> readings = new ArrayList<>();
        for (long t = T0; t < T0 + 180 * MINUTE; t += 30_000) {
            long m = (t - T0) / MINUTE;
            if (!(m >= 40 && m < 54) && !(m >= 100 && m < 120)) {
                readings.add(reading("FE-N01", Quantity.NOISE, 50, t));
            }
        }
        List<String> inOrder = run(readings);
        assertThat(inOrder).hasSize(2);
        Random random = new Random(9);
        for (int round = 0; round < 5; round++) {
            List<Reading> shuffled = Harnesses.shuffledWithin(readings, r -> r.timestamp, 100_000, random);
            harness.close();
            setUp();
            assertThat(run(shuffled)).containsExactlyElementsOf(inOrder);
        }
    }

    private List<String> run(List<Reading> readings) throws Exception {
        return Harnesses.feedAsTheJobWould(harness, readings, 2 * MINUTE).stream()
                .map(Judgement::toString)
                .toList();
    }

    @Test
    void theEndOfABoundedInputIsNotSilence() throws Exception {
        noise(T0);
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(verdicts()).isEmpty();
    }

    /**
     * Writes a site's silence as it was kept before it became one value: three values of their
     * own and the silence timer, as a checkpoint of that layout holds them.
     */
    private static final class ThreeValueLayout extends KeyedProcessFunction<String, Reading, Judgement> {
        private final Long silentSince;

        ThreeValueLayout(Long silentSince) {
            this.silentSince = silentSince;
        }

        @Override
        public void processElement(Reading reading, Context ctx, Collector<Judgement> out) throws Exception {
            state("last-seen").update(reading.timestamp);
            if (silentSince == null) {
                long due = reading.timestamp + 15 * MINUTE;
                state("silence-timer").update(due);
                ctx.timerService().registerEventTimeTimer(due);
            } else {
                // A silence's timer has fired and is forgotten.
                state("silent-since").update(silentSince);
            }
        }

        private ValueState<Long> state(String name) {
            return getRuntimeContext().getState(new ValueStateDescriptor<>(name, Long.class));
        }
    }

    private static OperatorSubtaskState writtenInThreeValues(long seen, Long silentSince) throws Exception {
        try (var old = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ThreeValueLayout(silentSince)), (Reading r) -> r.site, Types.STRING)) {
            old.open();
            old.processElement(reading("FE-N01", Quantity.NOISE, 50, seen), seen);
            old.processElement(reading("FE-N02", Quantity.NOISE, 50, seen), seen);
            return old.snapshot(1, 1);
        }
    }

    private void restore(OperatorSubtaskState state) throws Exception {
        harness.close();
        harness = detector();
        harness.initializeState(state);
        harness.open();
    }

    @Test
    void aSiteWatchedInThreeValuesFallsSilentAfterARestore() throws Exception {
        restore(writtenInThreeValues(T0, null));
        harness.processWatermark(T0 + 15 * MINUTE);
        assertThat(verdicts()).hasSize(2).allSatisfy(j -> {
            assertThat(j.exceeded).isTrue();
            assertThat(j.start).isEqualTo(T0);
        });
    }

    @Test
    void aSiteSilentInThreeValuesIsBackWithItsSilenceAfterARestore() throws Exception {
        restore(writtenInThreeValues(T0, T0));
        noise(T0 + 20 * MINUTE);
        harness.processWatermark(T0 + 20 * MINUTE);
        assertThat(verdicts()).singleElement().satisfies(j -> {
            assertThat(j.recovered).isTrue();
            assertThat(j.start).isEqualTo(T0);
            assertThat(j.value).isEqualTo(20);
        });
        // Restored again: FE-N01 as it was kept after its return, FE-N02 (not seen since) as the
        // three values still, silent since T0 until it is back.
        restore(harness.snapshot(2, 2));
        harness.processWatermark(T0 + 30 * MINUTE);
        assertThat(verdicts()).isEmpty();
        harness.processWatermark(T0 + 40 * MINUTE);
        assertThat(verdicts()).singleElement().satisfies(j -> {
            assertThat(j.site).isEqualTo("FE-N01");
            assertThat(j.exceeded).isTrue();
            assertThat(j.start).isEqualTo(T0 + 20 * MINUTE);
        });
        harness.processElement(reading("FE-N02", Quantity.NOISE, 50, T0 + 45 * MINUTE), T0 + 45 * MINUTE);
        harness.processWatermark(T0 + 45 * MINUTE);
        assertThat(verdicts()).last().satisfies(j -> {
            assertThat(j.site).isEqualTo("FE-N02");
            assertThat(j.recovered).isTrue();
            assertThat(j.start).isEqualTo(T0);
        });
    }
}
