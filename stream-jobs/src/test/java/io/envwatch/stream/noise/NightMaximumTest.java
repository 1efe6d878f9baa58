package io.envwatch.stream.noise;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.Harnesses;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.readings.SiteReadings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NightMaximumTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long NIGHT = Instant.parse("2026-11-21T18:00:00Z").toEpochMilli(); // 02:00 local
    private static final long DAY = Instant.parse("2026-11-21T03:00:00Z").toEpochMilli(); // 11:00 local
    private KeyedOneInputStreamOperatorTestHarness<String, Reading, LaeqInterval> harness;
    private int seen;

    @BeforeEach
    void setUp() throws Exception {
        harness = Harnesses.keyed(noise -> NoiseRules.atSite(
                SiteReadings.keyed(noise), REGISTRY, REGISTRY.rules().noise().intervalDurations()));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private Judgement judge(String site, long ts, double value) throws Exception {
        return judgeAll(site, ts, value).get(0);
    }

    /** The verdicts a reading yields once event time has passed it. */
    private List<Judgement> judgeAll(String site, long ts, double value) throws Exception {
        harness.processElement(reading(site, Quantity.NOISE, value, ts), ts);
        harness.processWatermark(new Watermark(ts));
        List<Judgement> all = nightVerdicts();
        List<Judgement> added = new ArrayList<>(all.subList(seen, all.size()));
        seen = all.size();
        return added;
    }

    @Test
    void readingsAreJudgedInTimeOrderWhateverOrderTheyCameIn() throws Exception {
        List<Reading> night = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 600; i++) {
            night.add(reading("FE-N01", Quantity.NOISE, random.nextInt(10) == 0 ? 70 : 50, NIGHT + i * 1_000L));
        }
        List<String> inOrder = verdicts(night);
        assertThat(inOrder).hasSizeGreaterThan(60);
        for (int round = 0; round < 3; round++) {
            // up to 80 s out of order, within the job's 2-minute bound
            List<Reading> shuffled = Harnesses.shuffledWithin(night, r -> r.timestamp, 80_000, random);
            harness.close();
            setUp();
            assertThat(verdicts(shuffled)).containsExactlyElementsOf(inOrder);
        }
    }

    private List<String> verdicts(List<Reading> readings) throws Exception {
        Harnesses.feedAsTheJobWould(harness, readings, 120_000);
        return nightVerdicts().stream().map(Judgement::toString).toList();
    }

    /** The night maximum's verdicts so far; the LAeq intervals' verdicts share the output. */
    private List<Judgement> nightVerdicts() {
        var verdicts = harness.getSideOutput(SiteNoise.VERDICTS);
        return verdicts == null
                ? List.of()
                : verdicts.stream()
                        .map(StreamRecord::getValue)
                        .filter(j -> j.rule.equals(SiteNoise.NIGHT_MAXIMUM))
                        .toList();
    }

    @Test
    void aSuddenNoiseMayExceedTheNightLimitByFifteen() throws Exception {
        // FE-N90: residential ambient point, zone 1, night limit 45
        assertThat(judge("FE-N90", NIGHT, 60).exceeded).isFalse();
        assertThat(judge("FE-N90", NIGHT, 60.1).exceeded).isTrue();
        assertThat(judge("FE-N90", NIGHT, 60.1).limit).isEqualTo(60);
    }

    @Test
    void atAFactoryBoundaryFrequentNoiseMayExceedItByTen() throws Exception {
        // FE-N01: factory boundary in zone 3, night limit 55
        assertThat(judge("FE-N01", NIGHT, 65).exceeded).isFalse();
        Judgement j = judge("FE-N01", NIGHT, 65.5);
        assertThat(j.exceeded).isTrue();
        assertThat(j.rule).isEqualTo("noise-night-max");
        assertThat(j.period).isEqualTo("night");
        assertThat(j.openAfter).isEqualTo(1);
    }

    @Test
    void byDayTheRuleDoesNotApply() throws Exception {
        Judgement j = judge("FE-N01", DAY, 90);
        assertThat(j.exceeded).isFalse();
        assertThat(j.recovered).isTrue();
    }

    @Test
    void compliantReadingsAreJudgedEveryTenSecondsPerSiteAndExceedancesAlways() throws Exception {
        assertThat(judgeAll("FE-N01", DAY, 50)).hasSize(1);
        assertThat(judgeAll("FE-N01", DAY + 1_000, 50))
                .as("by day, within 10 s: nothing new to say")
                .isEmpty();
        assertThat(judgeAll("FE-N02", DAY + 1_000, 50)).as("another site").hasSize(1);
        assertThat(judgeAll("FE-N01", DAY + 10_000, 50)).hasSize(1);
        assertThat(judgeAll("FE-N01", NIGHT, 70)).hasSize(1);
        assertThat(judgeAll("FE-N01", NIGHT + 500, 71)).as("every exceedance").hasSize(1);
        assertThat(judgeAll("FE-N01", NIGHT + 600, 50))
                .as("the first recovery at once")
                .hasSize(1);
        assertThat(judgeAll("FE-N01", NIGHT + 700, 50)).isEmpty();
    }

    @Test
    void readingsOfTheSameMillisecondAreJudgedAlikeWhicheverCameFirst() throws Exception {
        List<String> quietFirst = sameMillisecond(50, 70);
        harness.close();
        setUp();
        seen = 0;
        assertThat(sameMillisecond(70, 50)).isEqualTo(quietFirst).hasSize(2);
    }

    private List<String> sameMillisecond(double first, double second) throws Exception {
        harness.processElement(reading("FE-N01", Quantity.NOISE, first, NIGHT), NIGHT);
        harness.processElement(reading("FE-N01", Quantity.NOISE, second, NIGHT), NIGHT);
        harness.processWatermark(new Watermark(NIGHT));
        return nightVerdicts().stream().map(Judgement::toString).toList();
    }
}
