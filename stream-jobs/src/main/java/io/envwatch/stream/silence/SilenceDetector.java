package io.envwatch.stream.silence;

import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.readings.TimeOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A site that stops reporting is a signal of its own (a silent sensor at a factory at night), not
 * compliance: when no reading has arrived for the configured time of event time, this emits an
 * exceeded "no-data" verdict (value and limit in minutes), and a recovered one when readings
 * return. A river station reports once per sampling slot (every 4 h by default), so it is silent
 * only after its slot plus that time. Keyed by site; readings are taken in time order
 * ({@link TimeOrder}) where order can matter, so whether a gap was a silence does not depend on
 * which reader delivered the next reading first. The state is the site's {@link Watch} (last reading
 * time, silence timer, silence), the readings within the out-of-orderness bound, and one silence
 * timer, rounded up to the minute so that a steady stream does not re-register it per reading.
 *
 * <p>Event time follows the other sites' readings: if every site stops at once, time stops too
 * and this rule cannot fire (the broker or the link is down, which the platform's own monitoring
 * must catch).
 */
public class SilenceDetector extends KeyedProcessFunction<String, Reading, Judgement> {
    public static final String RULE = RuleId.NO_DATA.wireName();
    private static final long MINUTE = 60_000;
    private static final long NONE = Long.MIN_VALUE;

    private final Registry registry;
    private final long afterMillis;
    private transient TimeOrder pending;
    private transient ValueState<Watch> watch;
    /**
     * The layout before {@link Watch}: three values, each a lookup per reading. A checkpoint taken
     * with it is read a site at a time, at the site's next reading or timer, and kept as a watch.
     */
    private transient ValueState<Long> lastSeenBefore;

    private transient ValueState<Long> timerBefore;
    private transient ValueState<Long> silentSinceBefore;
    /** {@link #silentAfterMillis} by site, for the sites this task has seen: at most the registry's. */
    private transient Map<String, Long> silentAfter;

    public SilenceDetector(Registry registry) {
        this.registry = registry;
        this.afterMillis = registry.rules().silence().afterDuration().toMillis();
    }

    /**
     * A site's watch, one value: read and written once per reading, as this rule sees every reading
     * of every site. A Flink POJO.
     */
    public static class Watch {
        /** The latest reading time taken. */
        public long lastSeen;
        /** The silence timer registered last and not yet fired, or {@link #NONE}. */
        public long timer = NONE;
        /** When the site fell silent, the last reading before the silence; {@link #NONE} while it reports. */
        public long silentSince = NONE;

        public Watch() {}

        boolean silent() {
            return silentSince != NONE;
        }
    }

    /** How long the site may be quiet: a river station's sampling slot on top for stations. */
    long silentAfterMillis(String siteId) {
        boolean station =
                registry.site(siteId).map(s -> s.riverStation() != null).orElse(false);
        return afterMillis
                + (station ? Math.round(86_400_000L / registry.rules().river().samplesPerDay()) : 0);
    }

    @Override
    public void open(OpenContext context) {
        pending = new TimeOrder(getRuntimeContext(), "pending-readings");
        silentAfter = new HashMap<>();
        watch = getRuntimeContext().getState(new ValueStateDescriptor<>("silence-watch", Watch.class));
        lastSeenBefore = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Long.class));
        timerBefore = getRuntimeContext().getState(new ValueStateDescriptor<>("silence-timer", Long.class));
        silentSinceBefore = getRuntimeContext().getState(new ValueStateDescriptor<>("silent-since", Long.class));
    }

    /** The site's watch, null before its first reading; one kept in the layout before is moved to it. */
    private Watch watch() throws Exception {
        Watch w = watch.value();
        if (w != null) {
            return w;
        }
        Long last = lastSeenBefore.value();
        if (last == null) {
            return null;
        }
        w = new Watch();
        w.lastSeen = last;
        Long registered = timerBefore.value();
        w.timer = registered == null ? NONE : registered;
        Long since = silentSinceBefore.value();
        w.silentSince = since == null ? NONE : since;
        watch.update(w);
        lastSeenBefore.clear();
        timerBefore.clear();
        silentSinceBefore.clear();
        return w;
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Judgement> out) throws Exception {
        Watch w = watch();
        if (beforeSilence(reading.timestamp, w)
                || !pending.hold(reading.timestamp, reading.value, ctx.timerService())) {
            // late, or nothing to order: taken as it comes
            watch.update(seen(ctx.getCurrentKey(), reading.timestamp, w, ctx, out));
        }
    }

    /**
     * A reading before the pending silence timer of a site that is not silent only moves the last
     * time seen forward, a maximum, the same in any order; the timer has not fired (it is ahead of
     * event time), so time order would take the reading first too. Such a reading, the steady
     * case, is taken at once instead of being held with a timer of its own. Readings at or past the
     * timer, or of a silent site, are held: which comes first decides whether there was a silence.
     */
    private static boolean beforeSilence(long timestamp, Watch w) {
        return w != null && w.timer != NONE && timestamp < w.timer && !w.silent();
    }

    /** The site was seen at {@code timestamp}: its watch ({@code w}, or a new one if null), to be kept. */
    private Watch seen(String site, long timestamp, Watch w, Context ctx, Collector<Judgement> out) {
        if (w == null) {
            w = new Watch();
            w.lastSeen = timestamp;
        } else {
            if (w.silent()) {
                double minutes = (timestamp - w.silentSince) / (double) MINUTE;
                out.collect(verdict(site, w.silentSince, timestamp, minutes, false));
                w.silentSince = NONE;
            }
            w.lastSeen = Math.max(w.lastSeen, timestamp);
        }
        long due = ((w.lastSeen + silentAfter.computeIfAbsent(site, this::silentAfterMillis) + MINUTE - 1) / MINUTE)
                * MINUTE;
        if (w.timer != due) {
            // The earlier timer is left to fire and be ignored: deleting it could delete a held
            // reading's timer of the same time.
            ctx.timerService().registerEventTimeTimer(due);
            w.timer = due;
        }
        return w;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Judgement> out) throws Exception {
        Watch w = watch();
        // A reading at the very time the silence would begin comes first: the site was not silent.
        if (!pending.release(timestamp).isEmpty()) {
            w = seen(ctx.getCurrentKey(), timestamp, w, ctx, out);
            watch.update(w);
        }
        if (w == null || w.timer != timestamp) {
            return;
        }
        w.timer = NONE;
        // Unless the input ended (a bounded replay): then the site did not fall silent.
        boolean silent = ctx.timerService().currentWatermark() != Long.MAX_VALUE;
        if (silent) {
            w.silentSince = w.lastSeen;
        }
        watch.update(w);
        if (silent) {
            out.collect(verdict(
                    ctx.getCurrentKey(), w.lastSeen, timestamp, (timestamp - w.lastSeen) / (double) MINUTE, true));
        }
    }

    private Judgement verdict(String site, long since, long now, double silentMinutes, boolean silent) {
        double limit = silentAfterMillis(site) / (double) MINUTE;
        Judgement j = Judgement.builder(site, RULE)
                .quantity("", "min")
                .interval(since, now)
                .value(silentMinutes)
                .limit(limit, limit)
                .build();
        j.exceeded = silent;
        j.recovered = !silent;
        return j;
    }
}
