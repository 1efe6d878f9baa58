package io.envwatch.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark harness at a tiny rate for a few seconds, so it cannot rot: counts, not speed. */
class BenchmarkHarnessIT {
    /** The job runs in a JVM of its own, from the test's classpath. */
    private static final String JOB = System.getProperty("java.class.path");

    @Test
    void aTinyRunCountsEveryPublishedReadingAsStored() throws Exception {
        Map<String, Object> r = EndToEndBenchmark.run(
                new EndToEndBenchmark.Settings(
                        50, 2, 500, 10, 6, 2, 1, "mosquitto", true, JOB, "this tree", "512m", "hashmap"),
                625);
        long acknowledged = (long) r.get("publishedReadingsAcknowledged");
        assertThat(acknowledged).isGreaterThan(1000);
        assertThat((long) r.get("storedReadings")).isEqualTo(acknowledged);
        assertThat((long) r.get("deadLetters")).isZero();
        assertThat((int) r.get("latencySamples")).isGreaterThan(10);
        assertThat(r.get("alertLatencyMs"))
                .as("the alert probe's exceedance became a duty alert within the run")
                .isNotNull();
        assertThat((double) r.get("bareSubscriberReadingsPerSecond")).isGreaterThan(0);
        Map<?, ?> pipeline = (Map<?, ?>) r.get("barePipeline");
        assertThat((double) pipeline.get("targetReadingsPerSecond")).isEqualTo(625);
        assertThat((long) pipeline.get("storedReadings"))
                .as("the job's storage path alone stored what was acknowledged")
                .isEqualTo((long) pipeline.get("publishedReadingsAcknowledged"))
                .isPositive();
        assertThat(((Map<?, ?>) pipeline.get("cpuBudget")).containsKey("job")).isTrue();
        assertThat((double) r.get("influxWritePointsPerSecond")).isGreaterThan(0);
        assertThat((long) r.get("checkpointBytes"))
                .as("a checkpoint completed and was measured")
                .isPositive();
        assertThat((double) r.get("jobCpuCores"))
                .as("the job's own process CPU")
                .isPositive();
        assertThat((double) r.get("cpuMicrosPerReading")).isPositive();
        assertThat((double) r.get("loadGeneratorCpuCores"))
                .as("the gateways' own process CPU")
                .isPositive();
        assertThat((long) r.get("peakHeapMiB")).as("the job's heap, from jstat").isPositive();
        @SuppressWarnings("unchecked")
        Map<String, ?> budget = (Map<String, ?>) r.get("cpuBudget");
        assertThat(budget.keySet())
                .as("every process of the run, their sum and the machine")
                .containsExactly("job", "influxd", "broker", "benchmark", "gateways", "processes", "machine");
        for (String process : List.of("job", "influxd", "broker", "gateways")) {
            assertThat((Double) ((Map<?, ?>) budget.get(process)).get("microsPerReading"))
                    .as(process)
                    .isPositive();
        }
        double sum = budget.entrySet().stream()
                .filter(e -> !e.getKey().equals("processes") && !e.getKey().equals("machine"))
                .mapToDouble(e -> (Double) ((Map<?, ?>) e.getValue()).get("cores"))
                .sum();
        assertThat((Double) ((Map<?, ?>) budget.get("processes")).get("cores"))
                .as("the sum of the processes")
                .isCloseTo(sum, org.assertj.core.data.Offset.offset(0.05));
        Map<?, ?> profile = (Map<?, ?>) r.get("profile");
        assertThat((int) profile.get("samples")).isPositive();
        assertThat((Map<?, ?>) profile.get("byThread")).isNotEmpty();
        assertThat(EndToEndBenchmark.table(List.of(r)))
                .contains("stored r/s")
                .contains("µs/rdg")
                .contains("baselines")
                .contains("all µs")
                .contains("bare pipeline (the job's storage path alone) at 625 readings/s")
                .contains("every process (/proc) and the whole machine: job ")
                .contains("where the CPU went");
    }

    @Test
    void theEmbeddedHiveMqBrokerCarriesTheSameRunWithStateInRocksDb() throws Exception {
        Map<String, Object> r = EndToEndBenchmark.run(
                new EndToEndBenchmark.Settings(
                        50, 2, 500, 10, 6, 1, 1, "hivemq", false, JOB, "this tree", "512m", "rocksdb"),
                false);
        long acknowledged = (long) r.get("publishedReadingsAcknowledged");
        assertThat(acknowledged).isGreaterThan(500);
        assertThat((long) r.get("storedReadings")).isEqualTo(acknowledged);
        assertThat(r.get("broker")).isEqualTo("hivemq");
        // Incremental RocksDB checkpoints: files under shared/, counted with the checkpoint, and the coordinator's
        // figures.
        assertThat(r.get("stateBackend")).isEqualTo("rocksdb");
        assertThat((long) r.get("checkpointBytes")).isPositive();
        assertThat((int) r.get("checkpointsCompleted")).isPositive();
    }
}
