package io.envwatch.stream.odour;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.SiteKind;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.late.LateReadings;
import io.envwatch.stream.readings.ArithmeticMean;
import io.envwatch.stream.readings.ReaderIdleness;
import java.time.Duration;
import java.util.OptionalDouble;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Odour at factory boundaries (GB 14554-93): the mean of each pollutant over the configured
 * interval against the site's class column. Pollutants without a limit for the site are stored as
 * readings but not judged.
 */
public final class OdourRules {
    private OdourRules() {}

    public record Outputs(DataStream<ConcentrationInterval> intervals, DataStream<Judgement> judgements) {}

    public static Outputs attach(DataStream<Reading> readings, Registry registry, LateReadings late) {
        SingleOutputStreamOperator<ConcentrationInterval> intervals = intervals(
                readings.filter(r -> Quantity.fromWire(r.quantity)
                                .map(q -> q.kind() == SiteKind.ODOUR)
                                .orElse(false))
                        .name("odour readings"),
                registry);
        late.add(intervals.getSideOutput(LateReadings.TAG), "odour");
        return new Outputs(
                intervals, intervals.map(new OdourJudgement(registry)).name("judge odour"));
    }

    /** Interval means per site and pollutant; late readings on {@link LateReadings#TAG}. */
    public static SingleOutputStreamOperator<ConcentrationInterval> intervals(
            DataStream<Reading> odour, Registry registry) {
        Duration interval = registry.rules().odour().intervalDuration();
        return ReaderIdleness.keyedBy(
                        odour,
                        r -> r.site + "|" + r.quantity,
                        Types.STRING,
                        "odour-readings",
                        "odour by site and pollutant")
                .window(TumblingEventTimeWindows.of(
                        interval, registry.localTime().windowOffset(interval)))
                .sideOutputLateData(LateReadings.TAG)
                .aggregate(new ArithmeticMean(), new MeanWindow(registry))
                .uid("odour-interval")
                .name("odour " + interval + " mean");
    }

    static final class MeanWindow
            extends ProcessWindowFunction<ArithmeticMean.Sum, ConcentrationInterval, String, TimeWindow> {
        private final Registry registry;

        MeanWindow(Registry registry) {
            this.registry = registry;
        }

        @Override
        public void process(
                String key, Context context, Iterable<ArithmeticMean.Sum> sums, Collector<ConcentrationInterval> out) {
            String[] siteAndQuantity = key.split("\\|");
            Site site = registry.site(siteAndQuantity[0]).orElseThrow();
            Quantity quantity = Quantity.fromWire(siteAndQuantity[1]).orElseThrow();
            OptionalDouble limit = registry.limits().concentration(site, quantity);
            if (limit.isEmpty()) {
                return;
            }
            ArithmeticMean.Sum sum = sums.iterator().next();
            ConcentrationInterval i = new ConcentrationInterval();
            i.site = site.id();
            i.town = site.town();
            i.quantity = quantity.wireName();
            i.unit = quantity.unit();
            i.start = context.window().getStart();
            i.end = context.window().getEnd();
            i.mean = sum.mean();
            i.max = sum.max;
            i.count = sum.count;
            i.limit = limit.getAsDouble();
            out.collect(i);
        }
    }

    /** Exceeded above the class limit; recovered below it by the configured fraction. */
    public static final class OdourJudgement implements MapFunction<ConcentrationInterval, Judgement> {
        private final Registry registry;

        public OdourJudgement(Registry registry) {
            this.registry = registry;
        }

        @Override
        public Judgement map(ConcentrationInterval i) {
            var settings = registry.rules().odour();
            return Judgement.builder(i.site, RuleId.odour(i.quantity).wireName())
                    .quantity(i.quantity, i.unit)
                    .interval(i.start, i.end)
                    .value(i.mean)
                    .limit(i.limit, i.limit * (1 - settings.hysteresisFraction()))
                    .persistence(settings)
                    .build();
        }
    }
}
