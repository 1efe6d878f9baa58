package io.envwatch.stream.noise;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.late.LateReadings;
import io.envwatch.stream.readings.SiteReadings;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/** The noise rule family's part of the job graph: LAeq intervals, their verdicts, the night maximum. */
public final class NoiseRules {
    private NoiseRules() {}

    /** What the noise rules produce: every LAeq interval, and the verdicts that feed incidents. */
    public record Outputs(DataStream<LaeqInterval> intervals, DataStream<Judgement> judgements) {}

    /** LAeq intervals of one length, per site; late readings on {@link LateReadings#TAG}. */
    public static SingleOutputStreamOperator<LaeqInterval> laeq(KeyedStream<Reading, String> noise, Registry registry,
            Duration length) {
        return noise
                .window(TumblingEventTimeWindows.of(length, registry.localTime().windowOffset(length)))
                .sideOutputLateData(LateReadings.TAG)
                .aggregate(new EnergyAverage(), new LaeqWindow(registry, length))
                .uid("noise-laeq-" + length)
                .name("LAeq " + length);
    }

    public static SingleOutputStreamOperator<Judgement> nightMaximum(KeyedStream<Reading, String> noise, Registry registry) {
        return noise
                .process(new NightMaximumRule(registry))
                .uid("noise-night-max")
                .name("night maximum");
    }

    /** @param bySite every reading, keyed by site ({@link SiteReadings}) */
    public static Outputs attach(KeyedStream<Reading, String> bySite, Registry registry, LateReadings late) {
        KeyedStream<Reading, String> noise = SiteReadings.only(bySite, r -> Quantity.NOISE.wireName().equals(r.quantity),
                "noise readings");
        List<Duration> lengths = registry.rules().noise().intervalDurations();
        DataStream<LaeqInterval> intervals = null;
        DataStream<Judgement> judgements = null;
        for (int i = 0; i < lengths.size(); i++) {
            Duration length = lengths.get(i);
            SingleOutputStreamOperator<LaeqInterval> laeq = laeq(noise, registry, length);
            late.add(laeq.getSideOutput(LateReadings.TAG), RuleId.laeq(length).wireName());
            intervals = intervals == null ? laeq : intervals.union(laeq);
            if (i == 0) {
                // The shortest configured interval is the one judged for incidents.
                judgements = laeq.map(new LaeqJudgement(registry)).name("judge LAeq " + length);
            }
        }
        DataStream<Judgement> nightMaximum = nightMaximum(noise, registry);
        return new Outputs(intervals, judgements.union(nightMaximum));
    }
}
