package io.envwatch.stream.noise;

import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.late.LateReadings;
import io.envwatch.stream.sites.SiteOperator;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The noise rule family's part of the job graph: LAeq intervals, their verdicts, the night maximum. */
public final class NoiseRules {
    private NoiseRules() {}

    /** What the noise rules produce: every LAeq interval, and the verdicts that feed incidents. */
    public record Outputs(DataStream<LaeqInterval> intervals, DataStream<Judgement> judgements) {}

    /** @param bySite the per-site operator ({@link SiteOperator}), where the noise rules run */
    public static Outputs attach(SingleOutputStreamOperator<Reading> bySite, Registry registry, LateReadings late) {
        for (Duration length : registry.rules().noise().intervalDurations()) {
            late.add(
                    bySite.getSideOutput(SiteNoise.late(length)),
                    RuleId.laeq(length).wireName());
        }
        return new Outputs(bySite.getSideOutput(SiteOperator.LAEQ), bySite.getSideOutput(SiteNoise.VERDICTS));
    }
}
