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
 * which reader delivered the next reading first. The state is the last reading time, the readings within the
 * out-of-orderness bound, and one silence timer, rounded up to the minute so that a steady stream
 * does not re-register it per reading.
 *
 * <p>Event time follows the other sites' readings: if every site stops at once, time stops too
 * and this rule cannot fire (the broker or the link is down, which the platform's own monitoring
 * must catch).
 */
public class SilenceDetector extends KeyedProcessFunction<String, Reading, Judgement> {
    public static final String RULE = RuleId.NO_DATA.wireName();
    private static final long MINUTE = 60_000;

    private final Registry registry;
    private final long afterMillis;
    private transient TimeOrder pending;
    private transient ValueState<Long> lastSeen;
    private transient ValueState<Long> timer;
    private transient ValueState<Long> silentSince;
    /** {@link #silentAfterMillis} by site, for the sites this task has seen: at most the registry's. */
    private transient Map<String, Long> silentAfter;

    public SilenceDetector(Registry registry) {
        this.registry = registry;
        this.afterMillis = registry.rules().silence().afterDuration().toMillis();
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
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Long.class));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("silence-timer", Long.class));
        silentSince = getRuntimeContext().getState(new ValueStateDescriptor<>("silent-since", Long.class));
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Judgement> out) throws Exception {
        Long registered = timer.value();
        Long since = silentSince.value();
        if (beforeSilence(reading.timestamp, registered, since)
                || !pending.hold(reading.timestamp, reading.value, ctx.timerService())) {
            // late, or nothing to order: taken as it comes
            seen(ctx.getCurrentKey(), reading.timestamp, registered, since, ctx, out);
        }
    }

    /**
     * A reading before the pending silence timer of a site that is not silent only moves the last
     * time seen forward, a maximum, the same in any order; the timer has not fired (it is ahead of
     * event time), so time order would take the reading first too. Such a reading, the steady
     * case, is taken at once instead of being held with a timer of its own. Readings at or past the
     * timer, or of a silent site, are held: which comes first decides whether there was a silence.
     */
    private static boolean beforeSilence(long timestamp, Long registered, Long since) {
        return registered != null && timestamp < registered && since == null;
    }

    /**
     * The site was seen at {@code timestamp}; {@code registered} and {@code since} are the timer's
     * and the silence's state as they are now (read once per reading: this rule sees every reading
     * of every site, and each state read is a lookup in the site's state).
     */
    private void seen(String site, long timestamp, Long registered, Long since, Context ctx, Collector<Judgement> out)
            throws Exception {
        if (since != null) {
            double minutes = (timestamp - since) / (double) MINUTE;
            out.collect(verdict(site, since, timestamp, minutes, false));
            silentSince.clear();
        }
        Long last = lastSeen.value();
        long seen = last == null ? timestamp : Math.max(last, timestamp);
        if (last == null || seen != last) {
            lastSeen.update(seen);
        }
        long due = ((seen + silentAfter.computeIfAbsent(site, this::silentAfterMillis) + MINUTE - 1) / MINUTE) * MINUTE;
        if (registered == null || registered != due) {
            // The earlier timer is left to fire and be ignored: deleting it could delete a held
            // reading's timer of the same time.
            ctx.timerService().registerEventTimeTimer(due);
            timer.update(due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Judgement> out) throws Exception {
        // A reading at the very time the silence would begin comes first: the site was not silent.
        if (!pending.release(timestamp).isEmpty()) {
            seen(ctx.getCurrentKey(), timestamp, timer.value(), silentSince.value(), ctx, out);
        }
        Long registered = timer.value();
        if (registered == null || registered != timestamp) {
            return;
        }
        timer.clear();
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the input ended (a bounded replay), the site did not fall silent
        }
        long last = lastSeen.value();
        silentSince.update(last);
        out.collect(verdict(ctx.getCurrentKey(), last, timestamp, (timestamp - last) / (double) MINUTE, true));
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
