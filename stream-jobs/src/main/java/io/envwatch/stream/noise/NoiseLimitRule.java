package io.envwatch.stream.noise;

import io.envwatch.ingest.readings.Quantity;
import io.envwatch.ingest.readings.Reading;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Site;
import io.envwatch.stream.alerts.DutyAlert;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The first, simple noise rule: a reading above the site's zone limit for the local day or night
 * opens a duty alert; more readings above the limit update it only when the peak rises; the alert
 * clears when no reading has exceeded for {@code quietPeriod} of event time. Keyed by site; the
 * only state is the open alert and its clearing timer, both dropped when it clears.
 *
 * <p>This is the placeholder that proves the path end to end. The standards' real rules (LAeq as
 * an energy average over intervals, persistence, hysteresis) replace it in the noise rules issue.
 */
public class NoiseLimitRule extends KeyedProcessFunction<String, Reading, DutyAlert> {
    public static final String KIND = "noise-limit";

    private final Registry registry;
    private final long quietPeriodMillis;
    private transient ValueState<DutyAlert> open;
    private transient ValueState<Long> clearTimer;

    public NoiseLimitRule(Registry registry, Duration quietPeriod) {
        this.registry = registry;
        this.quietPeriodMillis = quietPeriod.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open-alert", DutyAlert.class));
        clearTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("clear-timer", Long.class));
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<DutyAlert> out) throws Exception {
        if (!Quantity.NOISE.wireName().equals(reading.quantity)) {
            return;
        }
        Site site = registry.site(reading.site).orElseThrow();
        boolean night = registry.localTime().isNight(reading.timestamp);
        double limit = registry.limits().noise(site, night);
        if (reading.value <= limit) {
            return;
        }
        DutyAlert alert = open.value();
        if (alert == null) {
            alert = new DutyAlert();
            alert.kind = KIND;
            alert.site = site.id();
            alert.town = site.town();
            alert.team = site.team();
            alert.quantity = reading.quantity;
            alert.openedAt = reading.timestamp;
            alert.id = site.id() + ":" + KIND + ":" + reading.timestamp;
            alert.state = "open";
            alert.peak = reading.value;
            alert.limit = limit;
            alert.period = night ? "night" : "day";
            alert.value = reading.value;
            alert.updatedAt = reading.timestamp;
            open.update(alert);
            out.collect(alert);
        } else {
            alert.value = reading.value;
            alert.updatedAt = Math.max(alert.updatedAt, reading.timestamp);
            if (reading.value > alert.peak) {
                alert.peak = reading.value;
                out.collect(alert);
            }
            open.update(alert);
        }
        Long previous = clearTimer.value();
        long next = reading.timestamp + quietPeriodMillis;
        if (previous == null || next > previous) {
            if (previous != null) {
                ctx.timerService().deleteEventTimeTimer(previous);
            }
            ctx.timerService().registerEventTimeTimer(next);
            clearTimer.update(next);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DutyAlert> out) throws Exception {
        DutyAlert alert = open.value();
        if (alert != null) {
            alert.state = "cleared";
            alert.updatedAt = timestamp;
            out.collect(alert);
        }
        open.clear();
        clearTimer.clear();
    }
}
