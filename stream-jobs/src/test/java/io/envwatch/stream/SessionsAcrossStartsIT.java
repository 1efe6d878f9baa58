package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job started afresh (no checkpoint, no savepoint) at a lower parallelism than the run before
 * it, while the gateways go on publishing: the earlier run's MQTT sessions hold the readings
 * published while no job ran, each for its share of the gateways. If the new run made fewer
 * sessions, the others would keep their readings on the broker with no one to read them
 * (orphaned until they expire). The new run keeps every session it finds.
 */
@Tag("reliability")
class SessionsAcrossStartsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    private static final List<String[]> GATEWAYS = List.of(
            new String[] {"gw-fenggang-01", "FE-N02"}, new String[] {"gw-tangxia-01", "TA-N01"},
            new String[] {"gw-changping-01", "CH-N01"}, new String[] {"gw-qiaotou-01", "QI-N01"});

    @Test
    void aFreshStartAtFewerReadersReadsEverySessionOfTheRunBefore(@TempDir Path checkpoints) throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_sessions", true)) {
            long base = Instant.now().minusSeconds(3600).toEpochMilli();
            List<SteadyGateway> gateways = new ArrayList<>();
            JobClient first = e2e.job("sessions-job").executeAsync(environment(checkpoints, 4));
            try {
                e2e.awaitSubscribed(e2e.gateway("gw-fenggang-01"), base, 1);
                for (String[] g : GATEWAYS) {
                    gateways.add(new SteadyGateway(e2e.broker.url(), g[0], "change-me-" + g[0], g[1], base, 5, 20));
                }
                await(
                        "readings of every gateway stored",
                        Duration.ofSeconds(60),
                        () -> gateways.stream()
                                .allMatch(g ->
                                        e2e.count("SELECT count(value) FROM reading WHERE site = '" + g.sensor + "'")
                                                > 20));
            } finally {
                first.cancel().get();
            }
            Thread.sleep(1_500); // no job: the broker queues every gateway's readings in its session

            JobClient second = e2e.job("sessions-job").executeAsync(environment(checkpoints, 1));
            try {
                Thread.sleep(3_000);
                List<EndToEnd.Tally> tallies =
                        EndToEnd.stopAndTally(e2e.reads(), "fresh start at 1 after 4", gateways, base, Instant.now());
                for (EndToEnd.Tally tally : tallies) {
                    assertThat(tally.missing()).as(tally.what()).isZero();
                }
            } finally {
                second.cancel().get();
            }
        }
    }

    /** No state to restore: the job starts as new each time (as with --restore none). */
    private static StreamExecutionEnvironment environment(Path checkpoints, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }
}
