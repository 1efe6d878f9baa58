package io.envwatch.stream.sites;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.noise.SiteNoise;
import io.envwatch.stream.readings.ReadingIdentity;
import io.envwatch.stream.readings.SiteReadings;
import io.envwatch.stream.silence.SilenceDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The per-site operator gives what its three functions gave as operators of their own, record for
 * record and with the same times, through disorder, copies, flagged readings, late readings and
 * silences; and across a snapshot and restore, of itself or of the identity as it was stored alone.
 */
class SiteOperatorTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final List<Duration> LENGTHS = REGISTRY.rules().noise().intervalDurations();
    /** 21:40 in Dongguan: the run crosses into the night at 22:00 local. */
    private static final long T0 = Instant.parse("2026-11-21T13:40:00Z").toEpochMilli();

    private static final long BOUND = 5_000;
    /** How far a reading's time is from its second: sensors' clocks are not aligned. */
    private static final int BOUND_JITTER = 900;

    /** What comes out, by output: the main output under "readings", each side output under its tag's id. */
    private static Map<String, List<String>> outputs(KeyedOneInputStreamOperatorTestHarness<String, Reading, ?> h) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("readings", timed(h.getOutput()));
        for (OutputTag<?> tag : sideOutputs()) {
            out.put(tag.getId(), side(h, tag));
        }
        return out;
    }

    private static List<String> side(KeyedOneInputStreamOperatorTestHarness<String, Reading, ?> h, OutputTag<?> tag) {
        Queue<?> side = h.getSideOutput(tag);
        return side == null ? List.of() : timed(side);
    }

    /** Each record as its time and value, so that a record out at another time differs. */
    private static List<String> timed(Queue<?> records) {
        List<String> out = new ArrayList<>();
        for (Object o : records) {
            if (o instanceof StreamRecord<?> r) {
                out.add((r.hasTimestamp() ? r.getTimestamp() : "-") + " " + r.getValue());
            }
        }
        return out;
    }

    private static List<OutputTag<?>> sideOutputs() {
        List<OutputTag<?>> tags = new ArrayList<>(
                List.of(ReadingIdentity.CONFLICTS, SiteOperator.LAEQ, SiteNoise.VERDICTS, SiteOperator.SILENCE));
        LENGTHS.forEach(l -> tags.add(SiteNoise.late(l)));
        return tags;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> siteOperator(
            OperatorSubtaskState restored) throws Exception {
        return open(new SiteOperator(REGISTRY, LENGTHS), restored);
    }

    private static <O> KeyedOneInputStreamOperatorTestHarness<String, Reading, O> open(
            OneInputStreamOperator<Reading, O> operator, OperatorSubtaskState restored) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, SiteReadings.SITE, Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    /**
     * Forty minutes of three noise sites at a reading a second, in the disorder of two readers, with
     * QoS-1 copies, a copy with another value, readings flagged in calibration, readings after their
     * minute closed, night levels over the maximum, and one site silent for twenty minutes.
     */
    private static List<Reading> field(long seed) {
        Random random = new Random(seed);
        // Each reading with when it is sent: two readers deliver it up to three seconds off its place.
        Map<Reading, Long> sent = new IdentityHashMap<>();
        for (long t = T0; t < T0 + 40 * 60_000; t += 1000) {
            for (String site : List.of("FE-N01", "FE-N02", "FE-N03")) {
                boolean silent = site.equals("FE-N02") && t >= T0 + 10 * 60_000 && t < T0 + 30 * 60_000;
                if (silent) {
                    continue;
                }
                double level = 50 + random.nextInt(400) / 10.0;
                Reading r = reading(site, Quantity.NOISE, level, t + random.nextInt(BOUND_JITTER));
                if (random.nextInt(50) == 0) {
                    r.flagged(DataFlag.C);
                }
                long send = t + random.nextInt(3000);
                sent.put(r, send);
                if (random.nextInt(20) == 0) {
                    sent.put(copy(r, r.value), send + random.nextInt(3000));
                }
                if (random.nextInt(200) == 0) {
                    sent.put(copy(r, r.value + 1), send + random.nextInt(3000));
                }
                if (random.nextInt(300) == 0) {
                    // Sent now, taken 90 s ago: late for its minute's interval.
                    sent.put(reading(site, Quantity.NOISE, level, t - 90_000 + random.nextInt(1000)), send);
                }
            }
        }
        List<Reading> delivered = new ArrayList<>(sent.keySet());
        delivered.sort(Comparator.comparingLong(sent::get));
        return delivered;
    }

    private static Reading copy(Reading r, double value) {
        Reading c = reading(r.site, Quantity.NOISE, value, r.timestamp);
        c.flag = r.flag;
        return c;
    }

    /** The job's event time over the readings: the bound behind the newest so far. */
    private static final class EventTime {
        long newest = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;

        /** The watermark after this reading, or null if it did not move. */
        Watermark after(Reading r) {
            newest = Math.max(newest, r.timestamp);
            if (newest - BOUND > watermark) {
                watermark = newest - BOUND;
                return new Watermark(watermark);
            }
            return null;
        }
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, Reading, ?> harness, List<Reading> readings, EventTime time)
            throws Exception {
        for (Reading r : readings) {
            harness.processElement(r, r.timestamp);
            Watermark w = time.after(r);
            if (w != null) {
                harness.processWatermark(w);
            }
        }
    }

    @Test
    void givesWhatItsThreeFunctionsGaveAsOperatorsOfTheirOwn() throws Exception {
        List<Reading> field = field(7);
        Map<String, List<String>> fused;
        try (var site = siteOperator(null)) {
            feed(site, field, new EventTime());
            site.processWatermark(new Watermark(T0 + 3 * 3_600_000));
            fused = outputs(site);
        }

        Map<String, List<String>> apart = new LinkedHashMap<>();
        try (var identity = open(new ReadingIdentity.Operator(new ReadingIdentity(REGISTRY)), null);
                var noise = open(new KeyedProcessOperator<>(new SiteNoise(REGISTRY, LENGTHS)), null);
                var silence = open(new KeyedProcessOperator<>(new SilenceDetector(REGISTRY)), null)) {
            EventTime time = new EventTime();
            int passed = 0;
            for (Reading r : field) {
                identity.processElement(r, r.timestamp);
                List<Reading> taken = identity.extractOutputValues();
                for (; passed < taken.size(); passed++) {
                    Reading once = taken.get(passed);
                    if (once.evidence()) {
                        noise.processElement(once, once.timestamp);
                    }
                    silence.processElement(once, once.timestamp);
                }
                Watermark w = time.after(r);
                if (w != null) {
                    identity.processWatermark(w);
                    noise.processWatermark(w);
                    silence.processWatermark(w);
                }
            }
            Watermark end = new Watermark(T0 + 3 * 3_600_000);
            identity.processWatermark(end);
            noise.processWatermark(end);
            silence.processWatermark(end);
            apart.put("readings", timed(identity.getOutput()));
            apart.put(ReadingIdentity.CONFLICTS.getId(), side(identity, ReadingIdentity.CONFLICTS));
            apart.put(SiteOperator.LAEQ.getId(), timed(noise.getOutput()));
            apart.put(SiteNoise.VERDICTS.getId(), side(noise, SiteNoise.VERDICTS));
            LENGTHS.forEach(l -> apart.put(SiteNoise.late(l).getId(), side(noise, SiteNoise.late(l))));
            apart.put(SiteOperator.SILENCE.getId(), timed(silence.getOutput()));
        }

        // The field has what each output is for: otherwise equal outputs would prove little.
        assertThat(fused.get(ReadingIdentity.CONFLICTS.getId())).isNotEmpty();
        assertThat(fused.get(SiteOperator.LAEQ.getId())).hasSizeGreaterThan(100);
        assertThat(fused.get(SiteNoise.VERDICTS.getId())).anyMatch(v -> v.contains("night"));
        // FE-N02 falls silent and comes back; at the end event time runs on past every site.
        assertThat(fused.get(SiteOperator.SILENCE.getId())).hasSize(5);
        assertThat(fused.get(SiteNoise.late(LENGTHS.get(0)).getId())).isNotEmpty();
        assertThat(fused.get("readings")).hasSizeLessThan(field.size());
        for (Map.Entry<String, List<String>> output : apart.entrySet()) {
            assertThat(fused.get(output.getKey())).as(output.getKey()).containsExactlyElementsOf(output.getValue());
        }
        assertThat(fused.keySet()).containsExactlyInAnyOrderElementsOf(apart.keySet());
    }

    @Test
    void aRestoreInTheMiddleChangesNothing() throws Exception {
        List<Reading> field = field(11);
        Map<String, List<String>> whole;
        try (var site = siteOperator(null)) {
            feed(site, field, new EventTime());
            site.processWatermark(new Watermark(T0 + 3 * 3_600_000));
            whole = outputs(site);
        }

        // Cut while FE-N02 is silent, intervals are open and night readings are held.
        int cut = field.size() * 5 / 8;
        EventTime time = new EventTime();
        Map<String, List<String>> before;
        OperatorSubtaskState snapshot;
        try (var site = siteOperator(null)) {
            feed(site, field.subList(0, cut), time);
            before = outputs(site);
            snapshot = site.snapshot(1, time.newest);
        }
        Map<String, List<String>> after;
        try (var site = siteOperator(snapshot)) {
            site.processWatermark(new Watermark(time.watermark));
            feed(site, field.subList(cut, field.size()), time);
            site.processWatermark(new Watermark(T0 + 3 * 3_600_000));
            after = outputs(site);
        }
        for (Map.Entry<String, List<String>> output : whole.entrySet()) {
            List<String> joined = new ArrayList<>(before.get(output.getKey()));
            joined.addAll(after.get(output.getKey()));
            assertThat(joined).as(output.getKey()).containsExactlyElementsOf(output.getValue());
        }
    }

    @Test
    void restoresTheIdentitiesAndTheirTimersOfACheckpointThatKeptThemInAnOperatorOfTheirOwn() throws Exception {
        List<Reading> first = List.of(
                reading("FE-N01", Quantity.NOISE, 61.5, T0),
                reading("FE-N01", Quantity.NOISE, 62.5, T0 + 1000),
                reading("FE-N02", Quantity.NOISE, 55.0, T0 + 61_000));
        OperatorSubtaskState identitiesAlone;
        try (var identity = open(new ReadingIdentity.Operator(new ReadingIdentity(REGISTRY)), null)) {
            for (Reading r : first) {
                identity.processElement(r, r.timestamp);
            }
            identity.processWatermark(new Watermark(T0 + 61_000));
            identitiesAlone = identity.snapshot(1, T0 + 61_000);
        }

        try (var site = siteOperator(identitiesAlone)) {
            // One timer per minute's identities, restored under the identity's own timers.
            assertThat(site.numEventTimeTimers()).isEqualTo(2);
            site.processElement(reading("FE-N01", Quantity.NOISE, 61.5, T0), T0);
            site.processElement(reading("FE-N01", Quantity.NOISE, 70.0, T0 + 1000), T0 + 1000);
            site.processElement(reading("FE-N01", Quantity.NOISE, 63.5, T0 + 2000), T0 + 2000);
            assertThat(site.extractOutputValues()).extracting(r -> r.value).containsExactly(63.5);
            assertThat(site.getSideOutput(ReadingIdentity.CONFLICTS))
                    .singleElement()
                    .satisfies(d -> assertThat(d.getValue().detail).contains("62.5", "70.0"));

            // Past every horizon: the identities' timers fire and clear them, the noise rules'
            // and the silence watch's fire in theirs.
            site.processWatermark(new Watermark(T0 + 12 * 3_600_000));
            assertThat(site.numEventTimeTimers()).isZero();
            assertThat(site.getSideOutput(SiteOperator.SILENCE))
                    .extracting(r -> r.getValue().site)
                    .containsExactly("FE-N01");
            assertThat(site.getSideOutput(SiteOperator.LAEQ)).isNotEmpty();
        }
    }
}
