package io.envwatch.stream.river;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.River;
import io.envwatch.district.registry.RiverStation;
import io.envwatch.district.registry.Site;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.late.LateReadings;
import io.envwatch.stream.readings.ArithmeticMean;
import io.envwatch.stream.readings.ReaderIdleness;
import io.envwatch.stream.readings.SiteReadings;
import java.time.Duration;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Total phosphorus per river station: every reading classified, and a rolling arithmetic mean
 * (window and slide configurable) classified and judged against the station's target class
 * (river or lake column). The assessment section's monthly compliance is a separate rule.
 */
public final class RiverRules {
    public static final String RULE = RuleId.TP_MEAN.wireName();

    private RiverRules() {}

    public record Outputs(
            DataStream<PhosphorusReading> classified,
            DataStream<PhosphorusMean> means,
            DataStream<StationMonth> months,
            DataStream<StationDay> days,
            DataStream<Attribution> attributions,
            DataStream<Judgement> judgements) {}

    public static Outputs attach(DataStream<Reading> readings, Registry registry, LateReadings late) {
        DataStream<Reading> tp =
                readings.filter(r -> Quantity.TP.wireName().equals(r.quantity)).name("TP readings");
        DataStream<PhosphorusReading> classified =
                tp.map(new Classify(registry)).name("classify TP");
        SingleOutputStreamOperator<PhosphorusMean> means = means(tp, registry);
        late.add(means.getSideOutput(LateReadings.TAG), RULE);
        SingleOutputStreamOperator<StationMonth> months = ReaderIdleness.keyedBy(
                        tp, SiteReadings.SITE, Types.STRING, "tp-month-readings", "TP by site for the month")
                .process(new MonthlyAssessment(registry))
                .uid("tp-month")
                .name("TP month to date");
        // The river's id, not the registry, in the key selector: it is copied into every sender.
        String river = registry.river().map(River::id).orElse("no-river");
        DataStream<Attribution> attributions = ReaderIdleness.keyedBy(
                        tp, r -> river, Types.STRING, "tp-attribution-readings", "TP by river")
                .process(new UpstreamAttribution(registry))
                .uid("tp-attribution")
                .name("upstream attribution");
        DataStream<Judgement> judgements = means.map(new PhosphorusJudgement(registry))
                .name("judge TP")
                .union(months.getSideOutput(MonthlyAssessment.VERDICTS));
        return new Outputs(
                classified, means, months, months.getSideOutput(MonthlyAssessment.DAYS), attributions, judgements);
    }

    /** Rolling TP means per station; late readings on {@link LateReadings#TAG}. */
    public static SingleOutputStreamOperator<PhosphorusMean> means(DataStream<Reading> tp, Registry registry) {
        Duration window = registry.rules().phosphorus().windowDuration();
        Duration slide = registry.rules().phosphorus().slideDuration();
        return ReaderIdleness.keyedBy(
                        tp, SiteReadings.SITE, Types.STRING, "tp-mean-readings", "TP by site for the mean")
                .window(SlidingEventTimeWindows.of(
                        window, slide, registry.localTime().windowOffset(slide)))
                .sideOutputLateData(LateReadings.TAG)
                .aggregate(new ArithmeticMean(), new MeanWindow(registry))
                .uid("tp-mean")
                .name("TP " + window + " mean");
    }

    static RiverStation stationOf(Registry registry, Site site) {
        return registry.station(site.riverStation()).orElseThrow();
    }

    public static final class Classify implements MapFunction<Reading, PhosphorusReading> {
        private final Registry registry;

        public Classify(Registry registry) {
            this.registry = registry;
        }

        @Override
        public PhosphorusReading map(Reading r) {
            Site site = registry.site(r.site).orElseThrow();
            RiverStation station = stationOf(registry, site);
            PhosphorusReading p = new PhosphorusReading();
            p.site = r.site;
            p.station = station.id();
            p.timestamp = r.timestamp;
            p.value = r.value;
            p.waterClass = registry.limits()
                    .classifyPhosphorus(r.value, station.isLake())
                    .wireName();
            return p;
        }
    }

    static final class MeanWindow
            extends ProcessWindowFunction<ArithmeticMean.Sum, PhosphorusMean, String, TimeWindow> {
        private final Registry registry;

        MeanWindow(Registry registry) {
            this.registry = registry;
        }

        @Override
        public void process(
                String siteId, Context context, Iterable<ArithmeticMean.Sum> sums, Collector<PhosphorusMean> out) {
            Site site = registry.site(siteId).orElseThrow();
            RiverStation station = stationOf(registry, site);
            ArithmeticMean.Sum sum = sums.iterator().next();
            PhosphorusMean m = new PhosphorusMean();
            m.site = siteId;
            m.station = station.id();
            m.town = site.town();
            m.start = context.window().getStart();
            m.end = context.window().getEnd();
            m.mean = Math.round(sum.mean() * 10_000) / 10_000.0;
            m.count = sum.count;
            m.waterClass = registry.limits()
                    .classifyPhosphorus(m.mean, station.isLake())
                    .wireName();
            m.targetClass = station.targetClass().wireName();
            m.limit = registry.limits().phosphorusLimit(site, station);
            out.collect(m);
        }
    }

    /** Exceeded when the mean is worse than the target class; recovered below its bound by the fraction. */
    public static final class PhosphorusJudgement implements MapFunction<PhosphorusMean, Judgement> {
        private final Registry registry;

        public PhosphorusJudgement(Registry registry) {
            this.registry = registry;
        }

        @Override
        public Judgement map(PhosphorusMean m) {
            var settings = registry.rules().phosphorus();
            return Judgement.builder(m.site, RULE)
                    .quantity(Quantity.TP)
                    .interval(m.start, m.end)
                    .value(m.mean)
                    .limit(m.limit, m.limit * (1 - settings.hysteresisFraction()))
                    .persistence(settings)
                    .build();
        }
    }
}
