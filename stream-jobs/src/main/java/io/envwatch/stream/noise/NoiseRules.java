package io.envwatch.stream.noise;

import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.late.LateReadings;
import io.envwatch.stream.readings.SiteReadings;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The noise rule family's part of the job graph: LAeq intervals, their verdicts, the night maximum. */
public final class NoiseRules {
    private NoiseRules() {}

    /** What the noise rules produce: every LAeq interval, and the verdicts that feed incidents. */
    public record Outputs(DataStream<LaeqInterval> intervals, DataStream<Judgement> judgements) {}

    /**
     * A site's noise rules as one operator ({@link SiteNoise}), chained where the readings arrive by
     * site. Its name lists the rules, so a reader of the job graph finds them.
     *
     * @param lengths interval lengths, the first the one judged for incidents
     */
    public static SingleOutputStreamOperator<LaeqInterval> atSite(
            KeyedStream<Reading, String> bySite, Registry registry, List<Duration> lengths) {
        String laeq = lengths.stream().map(l -> "LAeq " + l).collect(Collectors.joining(", "));
        return bySite.process(new SiteNoise(registry, lengths))
                .uid("site-noise")
                .name("noise (" + laeq + ", night maximum)");
    }

    /** @param bySite every reading, keyed by site ({@link SiteReadings}) */
    public static Outputs attach(KeyedStream<Reading, String> bySite, Registry registry, LateReadings late) {
        List<Duration> lengths = registry.rules().noise().intervalDurations();
        SingleOutputStreamOperator<LaeqInterval> noise = atSite(bySite, registry, lengths);
        for (Duration length : lengths) {
            late.add(
                    noise.getSideOutput(SiteNoise.late(length)),
                    RuleId.laeq(length).wireName());
        }
        return new Outputs(noise, noise.getSideOutput(SiteNoise.VERDICTS));
    }
}
