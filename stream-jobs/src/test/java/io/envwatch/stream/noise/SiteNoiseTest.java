package io.envwatch.stream.noise;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.Harnesses;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.readings.SiteReadings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The site's noise operator as one piece: the intervals Flink's own event-time windows would cut,
 * late readings set aside the same way, one timer per site instead of one per reading, and its state
 * through a snapshot and restore.
 */
class SiteNoiseTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final List<Duration> LENGTHS = REGISTRY.rules().noise().intervalDurations();
    /** 21:50 in Dongguan: the run crosses the night limit's start at 22:00. */
    private static final long T2150 = Instant.parse("2026-11-21T13:50:00Z").toEpochMilli();

    private static final List<String> SITES = List.of("FE-N01", "FE-N02", "FE-N03", "FE-N90", "FE-N91");

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> siteNoise(
            OperatorSubtaskState restored) throws Exception {
        return Harnesses.keyed(in -> NoiseRules.atSite(SiteReadings.keyed(in), REGISTRY, LENGTHS), restored);
    }

    /** Twenty minutes of five sites at 2 Hz, bursts over the night limit, delivered up to 90 s out of order. */
    private static List<Reading> bursty(Random random) {
        List<Reading> readings = new ArrayList<>();
        for (long t = T2150; t < T2150 + 20 * 60_000; t += 500) {
            for (String site : SITES) {
                double level = random.nextInt(40) == 0 ? 75 + random.nextInt(20) : 40 + random.nextGaussian() * 5;
                readings.add(reading(site, Quantity.NOISE, Math.round(level * 10) / 10.0, t + random.nextInt(500)));
            }
        }
        return Harnesses.shuffledWithin(readings, r -> r.timestamp, 90_000, random);
    }

    @Test
    void cutsTheIntervalsFlinksEventTimeWindowsWouldAndSetsAsideTheSameLateReadings() throws Exception {
        List<Reading> readings = bursty(new Random(11));
        // A 60-s bound against 90 s of disorder: some readings come after their minute closed.
        long bound = 60_000;
        for (Duration length : LENGTHS) {
            KeyedOneInputStreamOperatorTestHarness<String, Reading, String> windows =
                    Harnesses.keyed(in -> SiteReadings.keyed(in)
                            .window(TumblingEventTimeWindows.of(
                                    length, REGISTRY.localTime().windowOffset(length)))
                            .sideOutputLateData(LATE)
                            .aggregate(new Energies(), new Described()));
            Harnesses.feedAsTheJobWould(windows, readings, bound);
            KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> fused = siteNoise(null);
            Harnesses.feedAsTheJobWould(fused, readings, bound);

            List<String> expected = windows.extractOutputValues();
            assertThat(expected).hasSizeGreaterThanOrEqualTo(SITES.size());
            assertThat(fused.extractOutputValues())
                    .filteredOn(i -> i.interval.equals(length.toString()))
                    .map(SiteNoiseTest::described)
                    .containsExactlyInAnyOrderElementsOf(expected);
            List<String> lateByWindows = values(windows.getSideOutput(LATE)).stream()
                    .map(Reading::toString)
                    .toList();
            if (length.equals(LENGTHS.get(0))) {
                assertThat(lateByWindows).as("the test makes late readings").isNotEmpty();
            }
            assertThat(values(fused.getSideOutput(SiteNoise.late(length))))
                    .map(Reading::toString)
                    .containsExactlyInAnyOrderElementsOf(lateByWindows);
            windows.close();
            fused.close();
        }
    }

    @Test
    void aSiteHoldsOneTimerHoweverManyReadingsWait() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> harness = siteNoise(null);
        for (int i = 0; i < 600; i++) {
            harness.processElement(reading("FE-N01", Quantity.NOISE, 50, T2150 + i * 100L), T2150 + i * 100L);
        }
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(new Watermark(T2150 + 30_000));
        assertThat(harness.numEventTimeTimers()).as("the next reading's").isEqualTo(1);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).extracting(i -> i.count).containsExactly(600L, 600L, 600L);
        harness.close();
    }

    @Test
    void aRestoredSiteGoesOnAsIfNothingHappened() throws Exception {
        List<Reading> readings = bursty(new Random(12));
        KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> whole = siteNoise(null);
        Harnesses.feedAsTheJobWould(whole, readings, 120_000);
        List<String> expected = outputs(whole);
        whole.close();

        Harnesses.EventTime time = new Harnesses.EventTime(120_000);
        KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> before = siteNoise(null);
        int half = readings.size() / 2;
        time.feed(before, readings.subList(0, half));
        List<String> outputs = new ArrayList<>(outputs(before));
        OperatorSubtaskState snapshot = before.snapshot(1, time.newest());
        before.close();
        KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> after = siteNoise(snapshot);
        time.resume(after);
        time.feed(after, readings.subList(half, readings.size()));
        time.toNewest(after);
        outputs.addAll(outputs(after));
        after.close();
        assertThat(outputs).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void heldReadingsStayInTimeOrderAndTheirRoomFollowsWhatWaits() {
        SiteNoise.State s = new SiteNoise.State();
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            s.hold(random.nextInt(500), random.nextInt(3));
        }
        assertThat(s.held).isEqualTo(1_000);
        for (int i = 1; i < s.held; i++) {
            assertThat(s.heldTimes[i - 1] < s.heldTimes[i]
                            || s.heldTimes[i - 1] == s.heldTimes[i] && s.heldLevels[i - 1] <= s.heldLevels[i])
                    .as("place %d", i)
                    .isTrue();
        }
        long tenthLast = s.heldTimes[990];
        s.release(990);
        assertThat(s.held).isEqualTo(10);
        assertThat(s.heldTimes[0]).isEqualTo(tenthLast);
        assertThat(s.heldTimes.length).as("room after the burst").isLessThanOrEqualTo(20);
    }

    @Test
    void itsStateIsAFlinkPojoNotAKryoBlob() {
        assertThat(TypeInformation.of(SiteNoise.State.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(SiteNoise.Open.class)).isInstanceOf(PojoTypeInfo.class);
    }

    private static List<String> outputs(KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> harness) {
        List<String> all = new ArrayList<>(harness.extractOutputValues().stream()
                .map(SiteNoiseTest::described)
                .toList());
        values(harness.getSideOutput(SiteNoise.VERDICTS)).stream()
                .map(Judgement::toString)
                .forEach(all::add);
        return all;
    }

    private static <T> List<T> values(Collection<StreamRecord<T>> records) {
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).toList();
    }

    private static final OutputTag<Reading> LATE = new OutputTag<>("late", TypeInformation.of(Reading.class));

    private static String described(LaeqInterval i) {
        return i.site + " " + i.start + "-" + i.end + " n=" + i.count + " max=" + i.lmax + " laeq=" + i.laeq;
    }

    /** The reference: Flink's window operator summing the same energy. */
    private static final class Energies
            implements AggregateFunction<Reading, EnergyAverage.Energy, EnergyAverage.Energy> {
        @Override
        public EnergyAverage.Energy createAccumulator() {
            return new EnergyAverage.Energy();
        }

        @Override
        public EnergyAverage.Energy add(Reading reading, EnergyAverage.Energy energy) {
            energy.add(reading.value);
            return energy;
        }

        @Override
        public EnergyAverage.Energy getResult(EnergyAverage.Energy energy) {
            return energy;
        }

        @Override
        public EnergyAverage.Energy merge(EnergyAverage.Energy a, EnergyAverage.Energy b) {
            return a.merge(b);
        }
    }

    private static final class Described
            extends ProcessWindowFunction<EnergyAverage.Energy, String, String, TimeWindow> {
        @Override
        public void process(
                String site, Context context, Iterable<EnergyAverage.Energy> energies, Collector<String> out) {
            EnergyAverage.Energy e = energies.iterator().next();
            LaeqInterval i = new LaeqInterval();
            i.site = site;
            i.start = context.window().getStart();
            i.end = context.window().getEnd();
            i.count = e.count;
            i.lmax = e.max;
            i.laeq = Math.round(e.laeq() * 100) / 100.0;
            out.collect(described(i));
        }
    }
}
