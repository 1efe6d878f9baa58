package io.envwatch.benchmarks;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.SiteKind;
import io.envwatch.stream.incidents.ComplaintLink;
import io.envwatch.stream.incidents.Incident;
import io.envwatch.stream.incidents.IncidentTracker;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.noise.LaeqInterval;
import io.envwatch.stream.noise.NoiseRules;
import io.envwatch.stream.noise.SiteNoise;
import io.envwatch.stream.readings.SiteReadings;
import io.envwatch.stream.residential.NearbyBuildings;
import io.envwatch.stream.silence.SilenceDetector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The job's own operators in Flink's test harnesses (heap state, no network), per reading or
 * verdict: a site's noise operator with a 1-minute LAeq interval (and the night maximum, which
 * comes with it since 25b3c8c; before, Flink's window operator alone) and with the registry's
 * intervals (1 min, 20 min, 1 h), silence (which reads every reading of every site) and the
 * incident tracker.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OperatorBenchmark {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> laeq;
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> laeqCity;
    private KeyedTwoInputStreamOperatorTestHarness<String, Judgement, ComplaintLink, Incident> tracker;
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, Judgement> silence;
    private long time = 1_763_740_800_000L;
    private int n;
    private final String[] sites = REGISTRY.sites().stream()
            .filter(s -> s.measures(SiteKind.NOISE))
            .map(s -> s.id())
            .toArray(String[]::new);

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Reading> in = env.fromData(new Reading("FE-N01", Quantity.NOISE, 0, 0, "gw"));
        laeq = noise(in, List.of(Duration.ofMinutes(1)));
        laeqCity = noise(in, REGISTRY.rules().noise().intervalDurations());
        tracker = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new IncidentTracker(REGISTRY, NearbyBuildings.of(REGISTRY))),
                Judgement::key,
                ComplaintLink::key,
                Types.STRING);
        tracker.open();
        silence = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SilenceDetector(REGISTRY)), r -> r.site, Types.STRING);
        silence.open();
    }

    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> noise(
            DataStream<Reading> in, List<Duration> lengths) throws Exception {
        OneInputTransformation<Reading, LaeqInterval> t = (OneInputTransformation<Reading, LaeqInterval>)
                NoiseRules.atSite(SiteReadings.keyed(in), REGISTRY, lengths).getTransformation();
        KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        t.getOperatorFactory(),
                        (KeySelector<Reading, String>) t.getStateKeySelector(),
                        (TypeInformation<String>) t.getStateKeyType());
        harness.open();
        return harness;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        laeq.close();
        laeqCity.close();
        tracker.close();
        silence.close();
    }

    @Benchmark
    public void laeqPerReading() throws Exception {
        noiseReading(laeq);
    }

    /** The registry's three lengths: the 20-min and the hour are cut from the minute's energy. */
    @Benchmark
    public void laeqCityIntervalsPerReading() throws Exception {
        noiseReading(laeqCity);
    }

    private void noiseReading(KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> harness)
            throws Exception {
        n++;
        time += 10;
        harness.processElement(new Reading(sites[n % sites.length], Quantity.NOISE, 40 + n % 30, time, "gw"), time);
        if (n % 10_000 == 0) {
            harness.processWatermark(time - 120_000);
            harness.getOutput().clear();
            if (harness.getSideOutput(SiteNoise.VERDICTS) != null) {
                harness.getSideOutput(SiteNoise.VERDICTS).clear();
            }
        }
    }

    /** The steady case: every site reporting, in time order, event time trailing by two minutes. */
    @Benchmark
    public void silencePerReading() throws Exception {
        n++;
        time += 10;
        silence.processElement(new Reading(sites[n % sites.length], Quantity.NOISE, 40 + n % 30, time, "gw"), time);
        if (n % 10_000 == 0) {
            silence.processWatermark(time - 120_000);
            silence.getOutput().clear();
        }
    }

    @Benchmark
    public void incidentTrackerPerVerdict() throws Exception {
        n++;
        time += 10;
        // A site hovering around its limit: opens, updates, recovers and closes incidents as it goes.
        double value = 50 + (n / 50 % 2) * 10;
        Judgement j = Judgement.builder(sites[n % sites.length], "noise-laeq-1m")
                .quantity("noise", "dB(A)")
                .interval(time, time + 60_000)
                .value(value)
                .limit(55, 52)
                .period("night")
                .persistence(3, 0, 600_000)
                .build();
        tracker.processElement1(j, time);
        if (n % 10_000 == 0) {
            tracker.getOutput().clear();
        }
    }
}
