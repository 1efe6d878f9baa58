package io.envwatch.stream.river;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.incidents.Judgement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonthlyAssessmentTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    /** 1 November 2026, 00:00 in Dongguan. */
    private static final long NOV1 = Instant.parse("2026-10-31T16:00:00Z").toEpochMilli();

    private static final long HOUR = 3_600_000L;
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, StationMonth> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MonthlyAssessment(REGISTRY)), r -> r.site, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** A sample, and event time moving on to it (as the next readings would move it in the job). */
    private void tp(long ts, double value) throws Exception {
        harness.processElement(reading("W-QILING", Quantity.TP, value, ts), ts);
        harness.processWatermark(ts);
    }

    private List<StationMonth> statuses() {
        return harness.extractOutputValues();
    }

    private List<Judgement> verdicts(String rule) {
        return harness.getSideOutput(MonthlyAssessment.VERDICTS).stream()
                .map(StreamRecord::getValue)
                .filter(j -> j.rule.equals(rule))
                .toList();
    }

    @Test
    void theMonthToDateMeanIsArithmeticAndClassifiedAgainstTheTarget() throws Exception {
        tp(NOV1, 0.1);
        tp(NOV1 + 4 * HOUR, 0.3);
        StationMonth s = statuses().get(1);
        assertThat(s.month).isEqualTo("2026-11");
        assertThat(s.samples).isEqualTo(2);
        assertThat(s.mean).isEqualTo(0.2);
        assertThat(s.waterClass).isEqualTo("III");
        assertThat(s.targetClass).isEqualTo("IV");
        assertThat(s.limit).isEqualTo(0.3);
        assertThat(s.margin).isEqualTo(0.1);
        tp(NOV1 + 8 * HOUR, 0.2003);
        assertThat(statuses().get(2).mean).isEqualTo(0.2001);
        assertThat(statuses().get(2).waterClass).isEqualTo("IV");
    }

    @Test
    void theMonthEndsAtLocalMidnightNotUtcMidnight() throws Exception {
        long lastLocalSecondOfNovember = Instant.parse("2026-11-30T15:59:59Z").toEpochMilli();
        long firstOfDecember = Instant.parse("2026-11-30T16:00:00Z").toEpochMilli(); // still 30 Nov in UTC
        tp(lastLocalSecondOfNovember, 0.2);
        tp(firstOfDecember, 0.4);
        assertThat(statuses())
                .extracting(s -> s.month + (s.closed ? " closed" : "") + " n=" + s.samples)
                .containsExactly("2026-11 n=1", "2026-11 closed n=1", "2026-12 n=1");
        assertThat(statuses().get(2).mean).isEqualTo(0.4);
    }

    @Test
    void aMonthClosesOnItsTimerWithTheFinalStatus() throws Exception {
        tp(NOV1 + HOUR, 0.2);
        harness.processWatermark(Instant.parse("2026-11-30T16:00:00Z").toEpochMilli());
        StationMonth last = statuses().get(statuses().size() - 1);
        assertThat(last.closed).isTrue();
        assertThat(last.budgetState).isEqualTo("final");
        // one sample where 30 days x 6 were expected: flagged, not silently judged
        assertThat(last.expectedSoFar).isEqualTo(180);
        assertThat(last.missing).isEqualTo(179);
        assertThat(last.insufficient).isTrue();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void theRemainingBudgetAndItsAlertLevel() throws Exception {
        // Ten days of six samples at 0.2: 60 samples, 120 expected in the remaining twenty days.
        for (int i = 0; i < 60; i++) {
            tp(NOV1 + i * 4 * HOUR, 0.2);
        }
        StationMonth tenDays = statuses().get(59);
        assertThat(tenDays.samples).isEqualTo(60);
        // The 60th sample, stamped 236 h into the month, fills the 60th 4-h slot of 180: 120 remain.
        assertThat(tenDays.expectedRemaining).isEqualTo(120.0);
        assertThat(tenDays.budget).isEqualTo(0.35); // (0.3 x 180 - 12) / 120
        assertThat(tenDays.budgetState).isEqualTo("ok");
        assertThat(verdicts(MonthlyAssessment.BUDGET).get(59).exceeded).isFalse();
        // Then the section runs at 0.45 for four days: the budget drops under 1.1 x 0.3 = 0.33.
        for (int i = 60; i < 84; i++) {
            tp(NOV1 + i * 4 * HOUR, 0.45);
        }
        StationMonth after = statuses().get(statuses().size() - 1);
        // 84 samples summing 22.8, 96 still expected: (0.3 x 180 - 22.8) / 96 = 0.325
        assertThat(after.budget).isEqualTo(0.325);
        assertThat(after.mean).isLessThan(0.3); // the month still passes...
        assertThat(after.budgetState).isEqualTo("low"); // ...but the headroom is going
        assertThat(verdicts(MonthlyAssessment.BUDGET)).anyMatch(j -> j.exceeded);
    }

    @Test
    void aSuddenDoublingOverTheLimitIsASpikeAndDailyMeansAreJudged() throws Exception {
        tp(NOV1 + HOUR, 0.18);
        tp(NOV1 + 5 * HOUR, 0.2);
        tp(NOV1 + 9 * HOUR, 0.62);
        assertThat(verdicts(MonthlyAssessment.SPIKE))
                .extracting(j -> j.exceeded)
                .containsExactly(false, false, true);
        harness.processWatermark(NOV1 + 24 * HOUR);
        List<StationDay> days = harness.getSideOutput(MonthlyAssessment.DAYS).stream()
                .map(StreamRecord::getValue)
                .toList();
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.mean).isEqualTo(0.3333);
            assertThat(d.waterClass).isEqualTo("V");
            assertThat(d.day).isEqualTo(NOV1);
        });
        assertThat(verdicts(MonthlyAssessment.DAILY))
                .singleElement()
                .satisfies(j -> assertThat(j.exceeded).isTrue());
    }

    @Test
    void samplesArrivingOutOfOrderGiveTheFiguresOfTimeOrder() throws Exception {
        // 126 samples of 0.27 mg/L, every 4 h from the 1st, arriving in a shuffled burst before
        // event time passes any of them (two readers interleaving, or a gateway's unsorted batch).
        List<Long> times = new ArrayList<>();
        for (int k = 0; k < 126; k++) {
            times.add(NOV1 + k * 4 * HOUR);
        }
        List<Long> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled, new Random(13));
        for (long ts : shuffled) {
            harness.processElement(reading("W-QILING", Quantity.TP, 0.27, ts), ts);
        }
        harness.processWatermark(times.get(times.size() - 1));
        List<StationMonth> out = statuses();
        assertThat(out).extracting(m -> m.timestamp).containsExactlyElementsOf(times);
        assertThat(out)
                .extracting(m -> m.samples)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 126).boxed().toList());
        assertThat(out).extracting(m -> m.budgetState).containsOnly("ok");
        assertThat(verdicts(MonthlyAssessment.BUDGET)).noneMatch(j -> j.exceeded);
    }

    @Test
    void samplesStampedAtTheirSlotsStartFillTheMonthsSlotsExactly() throws Exception {
        for (int k = 0; k < 120; k++) {
            tp(NOV1 + k * 4 * HOUR, 0.27);
        }
        StationMonth s = statuses().get(119);
        assertThat(s.samples).isEqualTo(120);
        assertThat(s.expectedSoFar + s.expectedRemaining).isEqualTo(180);
        assertThat(s.expectedSoFar).isEqualTo(120);
        assertThat(s.missing).isZero();
        assertThat(s.budget).isCloseTo((s.limit * 180 - 0.27 * 120) / 60, Offset.offset(1e-4));
    }

    @Test
    void samplesStampedAtTheirSlotsEndGiveTheSameFiguresWhenTheRegistrySaysSo() throws Exception {
        Registry endStamped = RegistryLoader.parse(
                "end-stamped", RegistryLoader.sampleText() + "\nrules:\n  river:\n    sampleStamp: slot-end\n");
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MonthlyAssessment(endStamped)), r -> r.site, Types.STRING);
        harness.open();
        for (int k = 0; k < 120; k++) {
            tp(NOV1 + (k + 1) * 4 * HOUR, 0.27);
        }
        StationMonth s = statuses().get(119);
        assertThat(s.samples).isEqualTo(120);
        assertThat(s.expectedSoFar).isEqualTo(120);
        assertThat(s.expectedRemaining).isEqualTo(60);
        assertThat(s.missing).isZero();
        assertThat(s.budget).isCloseTo((s.limit * 180 - 0.27 * 120) / 60, Offset.offset(1e-4));
        assertThatThrownBy(() -> RegistryLoader.parse(
                        "bad", RegistryLoader.sampleText() + "\nrules:\n  river:\n    sampleStamp: middle\n"))
                .hasMessageContaining("sampleStamp: must be slot-start or slot-end, not middle");
    }
}
