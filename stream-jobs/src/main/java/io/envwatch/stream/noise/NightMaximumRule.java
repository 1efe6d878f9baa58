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
    private final Registry registry;

    public NightMaximumRule(Registry registry) {
        this.registry = registry;
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
        out.collect(Judgement.of(site.id(), RULE, reading.quantity, reading.unit, reading.timestamp, reading.timestamp + 1,
                value, maximum, maximum - registry.rules().noise().hysteresis(), night ? "night" : "day", 1, 0,
                registry.rules().noise().clearAfterDuration().toMillis()));
    }
}
