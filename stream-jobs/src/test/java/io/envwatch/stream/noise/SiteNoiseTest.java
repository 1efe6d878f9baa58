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
import java.nio.file.Path;
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
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
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

    /**
     * The shortest interval is what Flink's event-time windows would cut. A longer one is cut from
     * the shortest one's closed energies: what the window of its length would cut from the readings
     * that came in time for their shortest interval. A reading that came after its shortest interval
     * closed is set aside for every length.
     */
    @Test
    void cutsTheIntervalsFlinksEventTimeWindowsWouldAndSetsAsideTheSameLateReadings() throws Exception {
        List<Reading> readings = bursty(new Random(11));
        // A 60-s bound against 90 s of disorder: some readings come after their minute closed.
        long bound = 60_000;
        Duration shortest = LENGTHS.stream().min(Duration::compareTo).orElseThrow();
        KeyedOneInputStreamOperatorTestHarness<String, Reading, String> shortestWindows = windows(shortest);
        Harnesses.feedAsTheJobWould(shortestWindows, readings, bound);
        List<String> late = values(shortestWindows.getSideOutput(LATE)).stream()
                .map(Reading::toString)
                .toList();
        assertThat(late).as("the test makes late readings").isNotEmpty();
        List<String> stillLate = new ArrayList<>(late);
        List<Reading> inTime =
                readings.stream().filter(r -> !stillLate.remove(r.toString())).toList();
        shortestWindows.close();

        KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> fused = siteNoise(null);
        Harnesses.feedAsTheJobWould(fused, readings, bound);
        for (Duration length : LENGTHS) {
            KeyedOneInputStreamOperatorTestHarness<String, Reading, String> windows = windows(length);
            Harnesses.feedAsTheJobWould(windows, inTime, bound);
            List<String> expected = windows.extractOutputValues();
            assertThat(expected).hasSizeGreaterThanOrEqualTo(SITES.size());
            assertThat(values(windows.getSideOutput(LATE)))
                    .as("none of these is late")
                    .isEmpty();
            assertThat(fused.extractOutputValues())
                    .filteredOn(i -> i.interval.equals(length.toString()))
                    .map(SiteNoiseTest::described)
                    .as(length.toString())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(values(fused.getSideOutput(SiteNoise.late(length))))
                    .map(Reading::toString)
                    .as("late for " + length)
                    .containsExactlyInAnyOrderElementsOf(late);
            windows.close();
        }
        fused.close();
    }

    /** A reading late for its minute is counted in no interval, although its hour is still open. */
    @Test
    void aReadingLateForItsMinuteIsLateForItsHourToo() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> harness = siteNoise(null);
        harness.processElement(reading("FE-N01", Quantity.NOISE, 50, T2150), T2150);
        harness.processWatermark(new Watermark(T2150 + 120_000));
        Reading late = reading("FE-N01", Quantity.NOISE, 90, T2150 + 30_000);
        harness.processElement(late, late.timestamp);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        for (Duration length : LENGTHS) {
            assertThat(values(harness.getSideOutput(SiteNoise.late(length))))
                    .as(length.toString())
                    .containsExactly(late);
        }
        assertThat(harness.extractOutputValues())
                .extracting(i -> i.interval + " n=" + i.count + " laeq=" + i.laeq)
                .containsExactly("PT1M n=1 laeq=50.0", "PT20M n=1 laeq=50.0", "PT1H n=1 laeq=50.0");
        harness.close();
    }

    /**
     * A checkpoint of the layout in which every length took each reading itself: its longer
     * intervals already hold the readings of the minutes still open, which are folded in again when
     * those close unless taken out. The snapshot was written by this operator as it was at d0e326d:
     * FE-N01 at 1 Hz from 21:50:00 to 21:53:29 (levels 40 to 59 in turn), event time at 21:52:30.
     */
    @Test
    void aCheckpointInWhichEveryLengthTookTheReadingsCountsNoneTwice() throws Exception {
        OperatorSubtaskState earlier = OperatorSnapshotUtil.readStateHandle(Path.of(SiteNoiseTest.class
                        .getResource("/noise/site-noise-each-length-fed-by-readings.snapshot")
                        .toURI())
                .toString());
        KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> harness = siteNoise(earlier);
        harness.processWatermark(new Watermark(T2150 + 150_000));
        List<Double> levels = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            levels.add(40.0 + i % 20);
            if (i >= 210) {
                long t = T2150 + i * 1000L;
                harness.processElement(reading("FE-N01", Quantity.NOISE, 40 + i % 20, t), t);
            }
        }
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        double laeq = Math.round(EnergyAverage.laeq(
                                levels.stream().mapToDouble(Double::doubleValue).toArray())
                        * 100)
                / 100.0;
        assertThat(harness.extractOutputValues())
                .filteredOn(i -> !i.interval.equals("PT1M"))
                .extracting(i -> i.interval + " n=" + i.count + " laeq=" + i.laeq)
                .containsExactly("PT20M n=600 laeq=" + laeq, "PT1H n=600 laeq=" + laeq);
        assertThat(harness.extractOutputValues())
                .filteredOn(i -> i.interval.equals("PT1M"))
                .extracting(i -> i.count)
                .as("21:52 to 21:59; 21:50 and 21:51 were closed before the checkpoint")
                .containsExactly(60L, 60L, 60L, 60L, 60L, 60L, 60L, 60L);
        harness.close();
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

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, String> windows(Duration length)
            throws Exception {
        return Harnesses.keyed(in -> SiteReadings.keyed(in)
                .window(TumblingEventTimeWindows.of(length, REGISTRY.localTime().windowOffset(length)))
                .sideOutputLateData(LATE)
                .aggregate(new Energies(), new Described()));
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
