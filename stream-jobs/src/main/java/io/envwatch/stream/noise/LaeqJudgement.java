package io.envwatch.stream.noise;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import org.apache.flink.api.common.functions.MapFunction;

/** An LAeq interval as a verdict: exceeded above the limit, recovered below it by the hysteresis. */
public class LaeqJudgement implements MapFunction<LaeqInterval, Judgement> {
    private final Registry registry;

    public LaeqJudgement(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Judgement map(LaeqInterval i) {
        var settings = registry.rules().noise();
        return Judgement.builder(i.site, RuleId.laeq(i.interval).wireName())
                .quantity(Quantity.NOISE).interval(i.start, i.end)
                .value(i.laeq).limit(i.limit, i.limit - settings.hysteresis())
                .period(i.period).persistence(settings).build();
    }
}
