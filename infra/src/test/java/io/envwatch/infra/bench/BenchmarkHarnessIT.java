package io.envwatch.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark harness at a tiny rate for a few seconds, so it cannot rot: counts, not speed. */
class BenchmarkHarnessIT {

    @Test
    void aTinyRunCountsEveryPublishedReadingAsStored() throws Exception {
        Map<String, Object> r = EndToEndBenchmark.run(
                new EndToEndBenchmark.Settings(50, 2, 500, 10, 4, 2, 1, "mosquitto", true), true);
        long acknowledged = (long) r.get("publishedReadingsAcknowledged");
        assertThat(acknowledged).isGreaterThan(1000);
        assertThat((long) r.get("storedReadings")).isEqualTo(acknowledged);
        assertThat((long) r.get("deadLetters")).isZero();
        assertThat((int) r.get("latencySamples")).isGreaterThan(10);
        assertThat((double) r.get("bareSubscriberReadingsPerSecond")).isGreaterThan(0);
        assertThat((double) r.get("influxWritePointsPerSecond")).isGreaterThan(0);
        assertThat((long) r.get("checkpointBytes")).as("a checkpoint completed and was measured").isPositive();
        Map<?, ?> profile = (Map<?, ?>) r.get("profile");
        assertThat((int) profile.get("samples")).isPositive();
        assertThat((Map<?, ?>) profile.get("byThread")).isNotEmpty();
        assertThat(EndToEndBenchmark.table(List.of(r))).contains("stored r/s").contains("baselines").contains("where the CPU went");
    }

    @Test
    void theEmbeddedHiveMqBrokerCarriesTheSameRun() throws Exception {
        Map<String, Object> r = EndToEndBenchmark.run(
                new EndToEndBenchmark.Settings(50, 2, 500, 10, 3, 1, 1, "hivemq", false), false);
        long acknowledged = (long) r.get("publishedReadingsAcknowledged");
        assertThat(acknowledged).isGreaterThan(500);
        assertThat((long) r.get("storedReadings")).isEqualTo(acknowledged);
        assertThat(r.get("broker")).isEqualTo("hivemq");
    }
}
