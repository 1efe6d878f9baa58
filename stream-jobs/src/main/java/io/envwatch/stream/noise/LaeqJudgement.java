package io.envwatch.stream.noise;

import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import java.time.Duration;

/**
 * An LAeq interval as a verdict: exceeded above the limit, recovered below it by the hysteresis.
 * The rule's name is made once, not parsed from the interval's text per verdict (13 % of the site
 * task's samples at 100,000 sensors, where nearly every reading closes an interval).
 */
final class LaeqJudgement {
    private final RuleSettings.Noise settings;
    private final String rule;

    LaeqJudgement(Registry registry, Duration length) {
        this.settings = registry.rules().noise();
        this.rule = RuleId.laeq(length).wireName();
    }

    Judgement of(LaeqInterval i) {
        return Judgement.builder(i.site, rule)
                .quantity(Quantity.NOISE)
                .interval(i.start, i.end)
                .value(i.laeq)
                .limit(i.limit, i.limit - settings.hysteresis())
                .period(i.period)
                .persistence(settings)
                .build();
    }
}
