package io.envwatch.stream.silence;

import io.envwatch.ingest.readings.Reading;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.stream.incidents.Judgement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A site that stops reporting is a signal of its own (a silent sensor at a factory at night), not
 * compliance: when no reading has arrived for the configured time of event time, this emits an
 * exceeded "no-data" verdict (value and limit in minutes), and a recovered one when readings
 * return. Keyed by site; the state is the last reading time and one timer, rounded up to the
 * minute so that a steady stream does not re-register a timer per reading.
 *
 * <p>Event time follows the other sites' readings: if every site stops at once, time stops too
 * and this rule cannot fire (the broker or the link is down, which the platform's own monitoring
 * must catch).
 */
public class SilenceDetector extends KeyedProcessFunction<String, Reading, Judgement> {
    public static final String RULE = "no-data";
    private static final long MINUTE = 60_000;

    private final long afterMillis;
    private transient ValueState<Long> lastSeen;
    private transient ValueState<Long> timer;
    private transient ValueState<Long> silentSince;

    public SilenceDetector(Registry registry) {
        this.afterMillis = registry.rules().silence().afterDuration().toMillis();
    }

    @Override
    public void open(OpenContext context) {
        lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Long.class));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("silence-timer", Long.class));
        silentSince = getRuntimeContext().getState(new ValueStateDescriptor<>("silent-since", Long.class));
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Judgement> out) throws Exception {
        Long since = silentSince.value();
        if (since != null) {
            double minutes = (reading.timestamp - since) / (double) MINUTE;
            out.collect(verdict(reading.site, since, reading.timestamp, minutes, false));
            silentSince.clear();
        }
        Long last = lastSeen.value();
        long seen = last == null ? reading.timestamp : Math.max(last, reading.timestamp);
        lastSeen.update(seen);
        long due = ((seen + afterMillis + MINUTE - 1) / MINUTE) * MINUTE;
        Long registered = timer.value();
        if (registered == null || registered != due) {
            if (registered != null) {
                ctx.timerService().deleteEventTimeTimer(registered);
            }
            ctx.timerService().registerEventTimeTimer(due);
            timer.update(due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Judgement> out) throws Exception {
        timer.clear();
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the input ended (a bounded replay), the site did not fall silent
        }
        long last = lastSeen.value();
        silentSince.update(last);
        out.collect(verdict(ctx.getCurrentKey(), last, timestamp, (timestamp - last) / (double) MINUTE, true));
    }

    private Judgement verdict(String site, long since, long now, double silentMinutes, boolean silent) {
        double limit = afterMillis / (double) MINUTE;
        Judgement j = Judgement.of(site, RULE, "", "min", since, now, silentMinutes, limit, limit, "", 1, 0, 0);
        j.exceeded = silent;
        j.recovered = !silent;
        return j;
    }
}
