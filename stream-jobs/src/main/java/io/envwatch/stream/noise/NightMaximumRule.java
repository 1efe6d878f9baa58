package io.envwatch.stream.noise;

import io.envwatch.ingest.readings.Quantity;
import io.envwatch.ingest.readings.Reading;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Site;
import io.envwatch.stream.incidents.Judgement;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The night-time maximum: a single noise reading at night more than 15 dB(A) over the night limit
 * (10 at factory boundaries, where the noise is frequent) is an exceedance on its own. Every noise
 * reading is judged, so that the incident can also see the level fall back; by day the rule does
 * not apply and the reading counts as recovered.
 */
public class NightMaximumRule implements FlatMapFunction<Reading, Judgement> {
    public static final String RULE = "noise-night-max";
    /**
     * A site's compliant verdicts go on at most this often (exceedances always): the tracker only
     * needs to see the level stay down, and one verdict per reading would send every noise reading
     * through the network to the keyed incident tracker, by day for nothing.
     */
    static final long COMPLIANT_EVERY_MS = 10_000;
    private final Registry registry;
    private final long clearAfterMs;
    private final double hysteresis;
    /** Per site: the time of its last compliant verdict, or -1 after an exceedance. Only a throttle: not state. */
    private transient java.util.Map<String, Long> lastCompliant;

    public NightMaximumRule(Registry registry) {
        this.registry = registry;
        this.clearAfterMs = registry.rules().noise().clearAfterDuration().toMillis();
        this.hysteresis = registry.rules().noise().hysteresis();
    }

    @Override
    public void flatMap(Reading reading, Collector<Judgement> out) {
        if (!Quantity.NOISE.wireName().equals(reading.quantity)) {
            return;
        }
        Site site = registry.site(reading.site).orElseThrow();
        boolean night = registry.localTime().isNight(reading.timestamp);
        double maximum = registry.limits().nightMaximum(site);
        // By day the rule does not apply: judged as zero, which is compliant and recovered.
        double value = night ? reading.value : 0;
        if (lastCompliant == null) {
            lastCompliant = new java.util.HashMap<>();
        }
        if (value <= maximum) {
            Long last = lastCompliant.get(site.id());
            if (last != null && last >= 0 && reading.timestamp >= last && reading.timestamp - last < COMPLIANT_EVERY_MS) {
                return;
            }
            lastCompliant.put(site.id(), reading.timestamp);
        } else {
            lastCompliant.put(site.id(), -1L);
        }
        out.collect(Judgement.of(site.id(), RULE, reading.quantity, reading.unit, reading.timestamp, reading.timestamp + 1,
                value, maximum, maximum - hysteresis, night ? "night" : "day", 1, 0, clearAfterMs));
    }
}
