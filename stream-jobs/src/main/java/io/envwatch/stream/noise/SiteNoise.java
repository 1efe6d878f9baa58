package io.envwatch.stream.noise;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.LocalTimeRules;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.readings.ReadingType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A site's noise rules in one keyed operator: the LAeq interval of each configured length (tumbling,
 * aligned to local time, as Flink's event-time windows would cut them) and the night-time maximum.
 *
 * <p>Why not Flink's window operator and a timer per held reading: every noise reading would
 * register two timers in each window operator (trigger and clean-up) and one in the night
 * maximum, and look its key up in five states; at 20,000 readings/s the timer queue alone was
 * about a third of the site task's CPU (BENCHMARKS.md, 2026-11-29, "a site's noise rules in one operator"). Here a site has one state
 * object and at most one timer that matters: at the earliest time anything of the site falls due
 * (an interval's last millisecond, a held reading's time). When it fires, everything event time has
 * passed is closed or judged, in time order, and the next timer is set; so each output appears at
 * the watermark that makes it due, ahead of that watermark downstream.
 *
 * <p>Only the shortest interval takes readings; a longer one is cut from the shortest ones it holds,
 * their energy added as each closes (the validator makes every length a whole number of the
 * shortest, and intervals aligned to local time alike then nest). The LAeq is the same as from the
 * readings themselves (the energy sum is exact and its parts add up), and a reading is counted in
 * no interval once its shortest one has closed: so its identity need only be remembered until
 * then ({@code IdentityHorizon}), a minute instead of the hour, and a site's longer intervals are
 * always what its shortest ones add up to.
 *
 * <p>Outputs: intervals of every length on the main output; the verdicts that feed incidents
 * (the shortest interval's and the night maximum's) on {@link #VERDICTS}; readings that arrive
 * after their shortest interval closed on {@link #late(Duration)} of every length: counted in none.
 *
 * <p>The night maximum: a single reading at night more than 15 dB(A) over the night limit (10 at
 * factory boundaries, where the noise is frequent) is an exceedance on its own. Every reading is
 * judged, so that the incident also sees the level fall back; by day the rule does not apply and a
 * reading counts as recovered. Readings are judged in time order, held until event time passes
 * them: the incident's evidence, end and latest level are those of event time, not of the order
 * two readers delivered them in. A reading event time has already passed is judged as it comes.
 */
public class SiteNoise extends KeyedProcessFunction<String, Reading, LaeqInterval> {
    public static final String NIGHT_MAXIMUM = RuleId.NOISE_NIGHT_MAX.wireName();
    public static final OutputTag<Judgement> VERDICTS = new OutputTag<>("noise-verdicts") {};
    /**
     * A site's compliant night-maximum verdicts go on at most this often in event time (exceedances
     * always): the tracker only needs to see the level stay down, and one verdict per reading would
     * send every noise reading through the network to the keyed incident tracker, by day for nothing.
     */
    static final long COMPLIANT_EVERY_MS = 10_000;

    private static final long NONE = Long.MAX_VALUE;

    private final Registry registry;
    private final Duration[] lengths;
    private final long[] sizes;
    private final long[] offsets;
    /** Which of the lengths takes readings: the shortest. */
    private final int shortest;

    private final OutputTag<Reading>[] late;
    private final long clearAfterMs;
    private final double hysteresis;
    private transient ValueState<State> state;
    private transient LaeqJudgement judged;

    /** @param lengths the interval lengths; the first is the one judged for incidents */
    public SiteNoise(Registry registry, List<Duration> lengths) {
        this.registry = registry;
        this.lengths = lengths.toArray(Duration[]::new);
        this.sizes = lengths.stream().mapToLong(Duration::toMillis).toArray();
        this.offsets = lengths.stream()
                .mapToLong(l -> registry.localTime().windowOffset(l).toMillis())
                .toArray();
        @SuppressWarnings("unchecked")
        OutputTag<Reading>[] tags = lengths.stream().map(SiteNoise::late).toArray(OutputTag[]::new);
        this.late = tags;
        int min = 0;
        for (int i = 1; i < sizes.length; i++) {
            min = sizes[i] < sizes[min] ? i : min;
        }
        this.shortest = min;
        this.clearAfterMs = registry.rules().noise().clearAfterDuration().toMillis();
        this.hysteresis = registry.rules().noise().hysteresis();
    }

    /** Readings that came after their interval of this length had closed. */
    public static OutputTag<Reading> late(Duration length) {
        return new OutputTag<>("late-for-laeq-" + length, ReadingType.INFO);
    }

    /** A site's open intervals, held readings and the night maximum's throttle. A Flink POJO. */
    public static class State {
        public List<Open> open = new ArrayList<>();
        /**
         * Readings event time has not passed yet, by time and then level, the night maximum's to
         * judge: the first {@link #held} places. Room grows by doubling, so that holding a reading
         * costs the same however many wait (a copy per reading cost 2 µs with 3,700 waiting, in
         * OperatorBenchmark), and shrinks once a quarter is used, so that a burst leaves at most
         * four times what waits for a checkpoint to write.
         */
        public long[] heldTimes = new long[0];

        public double[] heldLevels = new double[0];
        public int held;
        /** The time of the last compliant verdict; meaningless unless {@link #compliantRun}. */
        public long lastCompliant;
        /** False after an exceedance (or before any verdict): the next compliant reading is said at once. */
        public boolean compliantRun;
        /** The earliest timer this site has registered that has not fired, or {@link #NONE}. */
        public long timer = NONE;
        /**
         * Whether the longer intervals are cut from the shortest ({@link SiteNoise}). False in a
         * checkpoint of the layout in which every length took each reading itself (a field it did
         * not have is left as the constructor leaves it); a new site's state is set to true.
         */
        public boolean cutFromShortest;

        public State() {}

        void hold(long time, double level) {
            if (held == heldTimes.length) {
                heldTimes = Arrays.copyOf(heldTimes, Math.max(8, held * 2));
                heldLevels = Arrays.copyOf(heldLevels, heldTimes.length);
            }
            int at = held;
            // Readings mostly come in time order: the place is found from the end.
            while (at > 0 && (heldTimes[at - 1] > time || heldTimes[at - 1] == time && heldLevels[at - 1] > level)) {
                at--;
            }
            System.arraycopy(heldTimes, at, heldTimes, at + 1, held - at);
            System.arraycopy(heldLevels, at, heldLevels, at + 1, held - at);
            heldTimes[at] = time;
            heldLevels[at] = level;
            held++;
        }

        /** Forgets the first {@code count} held readings. */
        void release(int count) {
            held -= count;
            System.arraycopy(heldTimes, count, heldTimes, 0, held);
            System.arraycopy(heldLevels, count, heldLevels, 0, held);
            if (heldTimes.length > 64 && held < heldTimes.length / 4) {
                heldTimes = Arrays.copyOf(heldTimes, Math.max(8, held * 2));
                heldLevels = Arrays.copyOf(heldLevels, heldTimes.length);
            }
        }

        Open interval(int length, long start) {
            for (Open o : open) {
                if (o.length == length && o.start == start) {
                    return o;
                }
            }
            Open o = new Open();
            o.length = length;
            o.start = start;
            open.add(o);
            return o;
        }
    }

    /** An interval still open: which configured length, its start, its energy so far. A Flink POJO. */
    public static class Open {
        public int length;
        public long start;
        public EnergyAverage.Energy energy = new EnergyAverage.Energy();

        public Open() {}
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("site-noise", State.class));
        judged = new LaeqJudgement(registry, lengths[0]);
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<LaeqInterval> out) throws Exception {
        if (!Quantity.NOISE.wireName().equals(reading.quantity)) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        State s = state();
        if (s == null) {
            s = new State();
            s.cutFromShortest = true;
        }
        long due = NONE;
        long start = startOf(shortest, reading.timestamp);
        if (last(shortest, start) <= watermark) {
            for (OutputTag<Reading> tag : late) {
                ctx.output(tag, reading);
            }
        } else {
            s.interval(shortest, start).energy.add(reading.value);
            due = last(shortest, start);
        }
        if (reading.timestamp <= watermark) {
            String siteId = ctx.getCurrentKey();
            judgeNight(siteId, registry.site(siteId).orElseThrow(), reading.timestamp, reading.value, s, ctx);
        } else {
            s.hold(reading.timestamp, reading.value);
            due = Math.min(due, reading.timestamp);
        }
        if (due < s.timer) {
            // A later timer already registered stays and finds nothing due, or what is due by then.
            ctx.timerService().registerEventTimeTimer(due);
            s.timer = due;
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LaeqInterval> out) throws Exception {
        State s = state();
        if (s == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        String siteId = ctx.getCurrentKey();
        Site site = registry.site(siteId).orElseThrow();
        closeIntervals(siteId, site, s, watermark, ctx, out);
        int released = 0;
        while (released < s.held && s.heldTimes[released] <= watermark) {
            judgeNight(siteId, site, s.heldTimes[released], s.heldLevels[released], s, ctx);
            released++;
        }
        if (released > 0) {
            s.release(released);
        }
        long next = s.held > 0 ? s.heldTimes[0] : NONE;
        for (Open o : s.open) {
            next = Math.min(next, last(o.length, o.start));
        }
        if (next != NONE && (s.timer <= watermark || next < s.timer)) {
            ctx.timerService().registerEventTimeTimer(next);
            s.timer = next;
        } else if (next == NONE) {
            s.timer = NONE;
        }
        state.update(s);
    }

    /** The site's state, a checkpoint's of the earlier layout brought to this one. */
    private State state() throws Exception {
        State s = state.value();
        if (s != null && !s.cutFromShortest) {
            // Each longer interval took the readings of the shortest ones still open, which will be
            // added to it again as they close.
            for (Open shorter : s.open) {
                if (shorter.length == shortest) {
                    for (Open longer : s.open) {
                        if (longer.length != shortest && startOf(longer.length, shorter.start) == longer.start) {
                            longer.energy.subtract(shorter.energy);
                        }
                    }
                }
            }
            s.cutFromShortest = true;
        }
        return s;
    }

    /** The start of the interval of the {@code length}-th size that holds {@code time}. */
    private long startOf(int length, long time) {
        return TimeWindow.getWindowStartWithOffset(time, offsets[length], sizes[length]);
    }

    /** The last millisecond of the interval of the {@code length}-th size from {@code start}: it closes at it. */
    private long last(int length, long start) {
        return start + sizes[length] - 1;
    }

    /**
     * Every interval event time has passed, per length in time order; each shortest one's energy
     * added to the longer ones that hold it first.
     */
    private void closeIntervals(
            String siteId, Site site, State s, long watermark, Context ctx, Collector<LaeqInterval> out) {
        List<Open> closing = null;
        for (int at = 0; at < s.open.size(); at++) {
            Open o = s.open.get(at);
            if (o.length == shortest && last(o.length, o.start) <= watermark) {
                for (int i = 0; i < sizes.length; i++) {
                    if (i != shortest) {
                        s.interval(i, startOf(i, o.start)).energy.merge(o.energy);
                    }
                }
            }
        }
        for (Open o : s.open) {
            if (last(o.length, o.start) <= watermark) {
                (closing == null ? closing = new ArrayList<>() : closing).add(o);
            }
        }
        if (closing == null) {
            return;
        }
        s.open.removeAll(closing);
        closing.sort(Comparator.comparingInt((Open o) -> o.length).thenComparingLong(o -> o.start));
        for (Open o : closing) {
            LaeqInterval interval = close(siteId, site, o);
            out.collect(interval);
            if (o.length == 0) {
                ctx.output(VERDICTS, judged.of(interval));
            }
        }
    }

    /**
     * The energy average with the limit of the local period. Intervals are aligned to local time, so
     * with the usual hours (22:00, 06:00) and intervals that divide an hour none straddles a boundary;
     * one that does (other hours or intervals) is judged by the stricter night limit. Checking both
     * ends suffices because an interval is far shorter than a period.
     */
    private LaeqInterval close(String siteId, Site site, Open o) {
        long end = o.start + sizes[o.length];
        LocalTimeRules local = registry.localTime();
        boolean night = local.isNight(o.start) || local.isNight(end - 1);
        LaeqInterval result = new LaeqInterval();
        result.site = siteId;
        result.town = site.town();
        result.interval = lengths[o.length].toString();
        result.start = o.start;
        result.end = end;
        result.laeq = Math.round(o.energy.laeq() * 100) / 100.0;
        result.lmax = o.energy.max;
        result.count = o.energy.count;
        result.limit = registry.limits().noise(site, night);
        result.period = night ? "night" : "day";
        return result;
    }

    private void judgeNight(String siteId, Site site, long timestamp, double level, State s, Context ctx) {
        boolean night = registry.localTime().isNight(timestamp);
        double maximum = registry.limits().nightMaximum(site);
        // By day the rule does not apply: judged as zero, which is compliant and recovered.
        double value = night ? level : 0;
        if (value <= maximum) {
            if (s.compliantRun && timestamp >= s.lastCompliant && timestamp - s.lastCompliant < COMPLIANT_EVERY_MS) {
                return;
            }
            s.compliantRun = true;
            s.lastCompliant = timestamp;
        } else {
            s.compliantRun = false;
        }
        ctx.output(
                VERDICTS,
                Judgement.builder(siteId, NIGHT_MAXIMUM)
                        .quantity(Quantity.NOISE)
                        .at(timestamp)
                        .value(value)
                        .limit(maximum, maximum - hysteresis)
                        .period(night ? "night" : "day")
                        .persistence(1, 0, clearAfterMs)
                        .build());
    }
}
