package io.envwatch.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark harness at a tiny rate for a few seconds, so it cannot rot: counts, not speed. */
class BenchmarkHarnessIT {

    @Test
    void aTinyRunCountsEveryPublishedReadingAsStored() throws Exception {
        Map<String, Object> r = EndToEndBenchmark.run(new EndToEndBenchmark.Settings(50, 2, 500, 10, 4, 2, 1), true);
        long acknowledged = (long) r.get("publishedReadingsAcknowledged");
        assertThat(acknowledged).isGreaterThan(1000);
        assertThat((long) r.get("storedReadings")).isEqualTo(acknowledged);
        assertThat((long) r.get("deadLetters")).isZero();
        assertThat((int) r.get("latencySamples")).isGreaterThan(10);
        assertThat((double) r.get("bareSubscriberReadingsPerSecond")).isGreaterThan(0);
        assertThat((double) r.get("influxWritePointsPerSecond")).isGreaterThan(0);
        assertThat(EndToEndBenchmark.table(List.of(r))).contains("stored r/s").contains("baselines");
    }
}
