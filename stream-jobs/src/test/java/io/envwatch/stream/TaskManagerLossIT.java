package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two readers share the subscription; one TaskManager dies mid-stream and Flink fails the job over
 * to a new one from the last checkpoint, inside the same job. Every reading still lands exactly once.
 */
class TaskManagerLossIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .build());

    private static final int MESSAGES = 400;
    private static final int READINGS_PER_MESSAGE = 5;

    @Test
    void sharedSubscriptionReadersSurviveALostTaskManager(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path checkpoints) throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_failover")) {
            Configuration conf = new Configuration();
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    checkpoints.toUri().toString());
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            JobClient job = e2e.job("failover-job").executeAsync(env);

            MqttClient gateway = e2e.publisher("failover-gateways");
            long base = Instant.now().minusSeconds(3600).toEpochMilli();
            e2e.awaitSubscribed(gateway, base, 4);
            AtomicInteger published = new AtomicInteger();
            Thread publisher = EndToEnd.publishInBackground(
                    gateway, MESSAGES, READINGS_PER_MESSAGE, base, k -> 45.5, 10, published);

            await(
                    "a quarter of the messages and a completed checkpoint",
                    Duration.ofSeconds(60),
                    () -> published.get() >= MESSAGES / 4
                            && CheckpointRecovery.latestCheckpoint(
                                            checkpoints.toUri().toString())
                                    .isPresent());
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            publisher.join();

            long expected = (long) MESSAGES * READINGS_PER_MESSAGE;
            await("every reading stored", Duration.ofSeconds(120), () -> stored(e2e, base) >= expected);
            Thread.sleep(2_000);
            assertThat(stored(e2e, base)).isEqualTo(expected);
            gateway.disconnect();
            job.cancel().get();
        }
    }

    private static long stored(EndToEnd e2e, long base) {
        return e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N01' AND time >= " + base + "ms");
    }
}
