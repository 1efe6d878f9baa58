package io.envwatch.stream.noise;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.readings.TimeOrder;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The night-time maximum: a single noise reading at night more than 15 dB(A) over the night limit
 * (10 at factory boundaries, where the noise is frequent) is an exceedance on its own. Every noise
 * reading is judged, so that the incident can also see the level fall back; by day the rule does
 * not apply and the reading counts as recovered. Keyed by site, readings are judged in time order
 * ({@link TimeOrder}): the incident's evidence, end and latest level are those of event time, not
 * of the order two readers delivered them in.
 */
public class NightMaximumRule extends KeyedProcessFunction<String, Reading, Judgement> {
    public static final String RULE = RuleId.NOISE_NIGHT_MAX.wireName();
    /**
     * A site's compliant verdicts go on at most this often in event time (exceedances always): the
     * tracker only needs to see the level stay down, and one verdict per reading would send every
     * noise reading through the network to the keyed incident tracker, by day for nothing.
     */
    static final long COMPLIANT_EVERY_MS = 10_000;
    private final Registry registry;
    private final long clearAfterMs;
    private final double hysteresis;
    private transient TimeOrder pending;
    /** The time of the site's last compliant verdict, or -1 after an exceedance. */
    private transient ValueState<Long> lastCompliant;

    public NightMaximumRule(Registry registry) {
        this.registry = registry;
        this.clearAfterMs = registry.rules().noise().clearAfterDuration().toMillis();
        this.hysteresis = registry.rules().noise().hysteresis();
    }

    @Override
    public void open(OpenContext context) {
        pending = new TimeOrder(getRuntimeContext(), "pending-noise");
        lastCompliant = getRuntimeContext().getState(new ValueStateDescriptor<>("last-compliant", Types.LONG));
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Judgement> out) throws Exception {
        if (Quantity.NOISE.wireName().equals(reading.quantity)
                && !pending.hold(reading.timestamp, reading.value, ctx.timerService())) {
            judge(ctx.getCurrentKey(), reading.timestamp, reading.value, out); // late: judged as it comes
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Judgement> out) throws Exception {
        for (double value : pending.release(timestamp)) {
            judge(ctx.getCurrentKey(), timestamp, value, out);
        }
    }

    private void judge(String siteId, long timestamp, double level, Collector<Judgement> out) throws Exception {
        Site site = registry.site(siteId).orElseThrow();
        boolean night = registry.localTime().isNight(timestamp);
        double maximum = registry.limits().nightMaximum(site);
        // By day the rule does not apply: judged as zero, which is compliant and recovered.
        double value = night ? level : 0;
        if (value <= maximum) {
            Long last = lastCompliant.value();
            if (last != null && last >= 0 && timestamp >= last && timestamp - last < COMPLIANT_EVERY_MS) {
                return;
            }
            lastCompliant.update(timestamp);
        } else {
            lastCompliant.update(-1L);
        }
        out.collect(Judgement.builder(siteId, RULE)
                .quantity(Quantity.NOISE).at(timestamp)
                .value(value).limit(maximum, maximum - hysteresis)
                .period(night ? "night" : "day").persistence(1, 0, clearAfterMs).build());
    }
}
