package io.envwatch.stream.noise;

import static io.envwatch.stream.Harnesses.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.ingest.readings.Quantity;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.stream.incidents.Judgement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class NightMaximumRuleTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long NIGHT = Instant.parse("2026-11-21T18:00:00Z").toEpochMilli(); // 02:00 local
    private static final long DAY = Instant.parse("2026-11-21T03:00:00Z").toEpochMilli(); // 11:00 local
    private final NightMaximumRule rule = new NightMaximumRule(REGISTRY);

    private Judgement judge(String site, long ts, double value) {
        return judgeAll(site, ts, value).get(0);
    }

    private List<Judgement> judgeAll(String site, long ts, double value) {
        List<Judgement> out = new ArrayList<>();
        rule.flatMap(reading(site, Quantity.NOISE, value, ts), new Collector<>() {
            @Override
            public void collect(Judgement j) {
                out.add(j);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void aSuddenNoiseMayExceedTheNightLimitByFifteen() {
        // FE-N90: residential ambient point, zone 1, night limit 45
        assertThat(judge("FE-N90", NIGHT, 60).exceeded).isFalse();
        assertThat(judge("FE-N90", NIGHT, 60.1).exceeded).isTrue();
        assertThat(judge("FE-N90", NIGHT, 60.1).limit).isEqualTo(60);
    }

    @Test
    void atAFactoryBoundaryFrequentNoiseMayExceedItByTen() {
        // FE-N01: factory boundary in zone 3, night limit 55
        assertThat(judge("FE-N01", NIGHT, 65).exceeded).isFalse();
        Judgement j = judge("FE-N01", NIGHT, 65.5);
        assertThat(j.exceeded).isTrue();
        assertThat(j.rule).isEqualTo("noise-night-max");
        assertThat(j.period).isEqualTo("night");
        assertThat(j.openAfter).isEqualTo(1);
    }

    @Test
    void byDayTheRuleDoesNotApply() {
        Judgement j = judge("FE-N01", DAY, 90);
        assertThat(j.exceeded).isFalse();
        assertThat(j.recovered).isTrue();
    }

    @Test
    void compliantReadingsAreJudgedEveryTenSecondsPerSiteAndExceedancesAlways() {
        assertThat(judgeAll("FE-N01", DAY, 50)).hasSize(1);
        assertThat(judgeAll("FE-N01", DAY + 1_000, 50)).as("by day, within 10 s: nothing new to say").isEmpty();
        assertThat(judgeAll("FE-N02", DAY + 1_000, 50)).as("another site").hasSize(1);
        assertThat(judgeAll("FE-N01", DAY + 10_000, 50)).hasSize(1);
        assertThat(judgeAll("FE-N01", NIGHT, 70)).hasSize(1);
        assertThat(judgeAll("FE-N01", NIGHT + 500, 71)).as("every exceedance").hasSize(1);
        assertThat(judgeAll("FE-N01", NIGHT + 600, 50)).as("the first recovery at once").hasSize(1);
        assertThat(judgeAll("FE-N01", NIGHT + 700, 50)).isEmpty();
    }
}
