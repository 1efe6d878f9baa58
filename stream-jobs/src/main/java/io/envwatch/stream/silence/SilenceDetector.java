package io.envwatch.stream.silence;

import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.readings.TimeOrder;
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
 * which reader delivered the next reading first. The state is one small value per site ({@link Watch}: the last
 * reading time, the pending silence timer, rounded up to the minute so that a steady stream does
 * not re-register it per reading, and since when the site is silent), and the readings within the
 * out-of-orderness bound that are held. One value, not three, because with RocksDB every state
 * read of a reading is a lookup of its own.
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
    /** Where versions before session 10 kept the same, three values per site: read once, moved, cleared. */
    private transient ValueState<Long> oldLastSeen;
    private transient ValueState<Long> oldTimer;
    private transient ValueState<Long> oldSilentSince;

    /** A site's watch: when it was last seen, the silence timer pending, since when it is silent. A Flink POJO. */
    public static class Watch {
        public long lastSeen = NONE;
        public long timer = NONE;
        public long silentSince = NONE;

        public Watch() {}
    }

    public SilenceDetector(Registry registry) {
        this.registry = registry;
        this.afterMillis = registry.rules().silence().afterDuration().toMillis();
    }

    /** How long the site may be quiet: a river station's sampling slot on top for stations. */
    long silentAfterMillis(String siteId) {
        boolean station = registry.site(siteId).map(s -> s.riverStation() != null).orElse(false);
        return afterMillis + (station ? Math.round(86_400_000L / registry.rules().river().samplesPerDay()) : 0);
    }

    @Override
    public void open(OpenContext context) {
        pending = new TimeOrder(getRuntimeContext(), "pending-readings");
        watch = getRuntimeContext().getState(new ValueStateDescriptor<>("site-watch", Watch.class));
        oldLastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Long.class));
        oldTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("silence-timer", Long.class));
        oldSilentSince = getRuntimeContext().getState(new ValueStateDescriptor<>("silent-since", Long.class));
    }

    /** The site's watch; from the three values of an older version's checkpoint the first time. */
    private Watch current() throws Exception {
        Watch w = watch.value();
        if (w != null) {
            return w;
        }
        w = new Watch();
        Long last = oldLastSeen.value();
        if (last != null) {
            w.lastSeen = last;
            Long timer = oldTimer.value();
            Long since = oldSilentSince.value();
            w.timer = timer == null ? NONE : timer;
            w.silentSince = since == null ? NONE : since;
            oldLastSeen.clear();
            oldTimer.clear();
            oldSilentSince.clear();
        }
        return w;
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Judgement> out) throws Exception {
        Watch w = current();
        if (beforeSilence(w, reading.timestamp) || !pending.hold(reading.timestamp, reading.value, ctx.timerService())) {
            seen(ctx.getCurrentKey(), reading.timestamp, w, ctx, out); // late, or nothing to order: taken as it comes
        }
        watch.update(w);
    }

    /**
     * A reading before the pending silence timer of a site that is not silent only moves the last
     * time seen forward, a maximum, the same in any order; the timer has not fired (it is ahead of
     * event time), so time order would take the reading first too. Such a reading, the steady
     * case, is taken at once instead of being held with a timer of its own. Readings at or past the
     * timer, or of a silent site, are held: which comes first decides whether there was a silence.
     */
    private static boolean beforeSilence(Watch w, long timestamp) {
        return w.timer != NONE && timestamp < w.timer && w.silentSince == NONE;
    }

    private void seen(String site, long timestamp, Watch w, Context ctx, Collector<Judgement> out) {
        if (w.silentSince != NONE) {
            double minutes = (timestamp - w.silentSince) / (double) MINUTE;
            out.collect(verdict(site, w.silentSince, timestamp, minutes, false));
            w.silentSince = NONE;
        }
        w.lastSeen = w.lastSeen == NONE ? timestamp : Math.max(w.lastSeen, timestamp);
        long due = ((w.lastSeen + silentAfterMillis(site) + MINUTE - 1) / MINUTE) * MINUTE;
        if (w.timer != due) {
            // The earlier timer is left to fire and be ignored: deleting it could delete a held
            // reading's timer of the same time.
            ctx.timerService().registerEventTimeTimer(due);
            w.timer = due;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Judgement> out) throws Exception {
        Watch w = current();
        // A reading at the very time the silence would begin comes first: the site was not silent.
        if (!pending.release(timestamp).isEmpty()) {
            seen(ctx.getCurrentKey(), timestamp, w, ctx, out);
        }
        if (w.timer == timestamp && w.lastSeen != NONE) {
            w.timer = NONE;
            if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) { // at the end of a bounded replay, not silent
                w.silentSince = w.lastSeen;
                out.collect(verdict(ctx.getCurrentKey(), w.lastSeen, timestamp, (timestamp - w.lastSeen) / (double) MINUTE, true));
            }
        }
        watch.update(w);
    }

    private Judgement verdict(String site, long since, long now, double silentMinutes, boolean silent) {
        double limit = silentAfterMillis(site) / (double) MINUTE;
        Judgement j = Judgement.builder(site, RULE)
                .quantity("", "min").interval(since, now)
                .value(silentMinutes).limit(limit, limit).build();
        j.exceeded = silent;
        j.recovered = !silent;
        return j;
    }
}
