package io.envwatch.stream.noise;

import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;

/** An LAeq interval as a verdict: exceeded above the limit, recovered below it by the hysteresis. */
final class LaeqJudgement {
    private final RuleSettings.Noise settings;

    LaeqJudgement(Registry registry) {
        this.settings = registry.rules().noise();
    }

    Judgement of(LaeqInterval i) {
        return Judgement.builder(i.site, RuleId.laeq(i.interval).wireName())
                .quantity(Quantity.NOISE).interval(i.start, i.end)
                .value(i.laeq).limit(i.limit, i.limit - settings.hysteresis())
                .period(i.period).persistence(settings).build();
    }
}
