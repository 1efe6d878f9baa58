package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job is killed while gateways keep publishing, then restarted from its last retained
 * checkpoint: every QoS 1 reading published before, during and after the outage is stored exactly
 * once (the broker redelivers what was not acknowledged; the sink overwrites what was replayed),
 * and counted once by the LAeq intervals, copies sent again after the restart included.
 */
class RestartFromCheckpointIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int MESSAGES = 300;
    private static final int READINGS_PER_MESSAGE = 10;

    @Test
    void everyReadingPublishedAcrossAKillIsStoredExactlyOnce(@TempDir Path checkpoints) throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_restart")) {
            JobClient first = e2e.job("restart-job").executeAsync(environment(checkpoints, null));
            MqttClient gateway = e2e.publisher("restart-gateways");
            long base = Instant.now().minusSeconds(3600).toEpochMilli();
            e2e.awaitSubscribed(gateway, base, 1);
            AtomicInteger published = new AtomicInteger();
            Thread publisher = EndToEnd.publishInBackground(
                    gateway, MESSAGES, READINGS_PER_MESSAGE, base, k -> 30 + k % 50, 20, published);

            await(
                    "a third of the messages and a completed checkpoint",
                    Duration.ofSeconds(60),
                    () -> published.get() >= MESSAGES / 3
                            && CheckpointRecovery.latestCheckpoint(
                                            checkpoints.toUri().toString())
                                    .isPresent());
            first.cancel().get();
            long storedAtKill = stored(e2e, base);
            int publishedAtKill = published.get();
            String restoreFrom = CheckpointRecovery.latestCheckpoint(
                            checkpoints.toUri().toString())
                    .orElseThrow();

            Thread.sleep(1_000); // the job stays down while the gateway keeps publishing
            JobClient second = e2e.job("restart-job").executeAsync(environment(checkpoints, restoreFrom));
            publisher.join();
            // The first 200 readings again, taken before the kill, as a gateway's resend after a
            // reconnect: the restored job knows them and takes each once.
            for (int m = 0; m < 20; m++) {
                List<String> copies = new ArrayList<>();
                for (int k = m * 10; k < m * 10 + 10; k++) {
                    copies.add(MqttToInfluxIT.reading("FE-N01", base + k, "noise", (double) (30 + k % 50), "dB(A)"));
                }
                EndToEnd.publish(gateway, "gw-fenggang-01", MqttToInfluxIT.batch(copies.toArray(String[]::new)));
            }

            long expected = (long) MESSAGES * READINGS_PER_MESSAGE;
            await("all readings stored", Duration.ofSeconds(90), () -> stored(e2e, base) >= expected);
            Thread.sleep(2_000); // anything extra would show up now
            assertThat(stored(e2e, base)).isEqualTo(expected);
            long sum = 0;
            for (int k = 0; k < expected; k++) {
                sum += 30 + k % 50;
            }
            double expectedSum = sum;
            assertThat(e2e.query("SELECT sum(value) FROM reading WHERE site = 'FE-N01' AND time >= " + base + "ms")
                            .get(0)[1])
                    .asString()
                    .satisfies(s -> assertThat(Double.parseDouble(s)).isEqualTo(expectedSum));
            // Event time past the readings' minutes: the 1-minute LAeq intervals count each reading once.
            EndToEnd.publish(
                    gateway,
                    "gw-fenggang-01",
                    MqttToInfluxIT.batch(
                            MqttToInfluxIT.reading("FE-N90", base + 10 * 60_000L, "noise", 40.0, "dB(A)")));
            String intervals = "SELECT n FROM noise_laeq WHERE site = 'FE-N01' AND \"interval\" = 'PT1M' AND time >= "
                    + base / 60_000 * 60_000 + "ms";
            await("the 1-minute intervals", Duration.ofSeconds(60), () -> counted(e2e, intervals) >= expected);
            assertThat(counted(e2e, intervals)).isEqualTo(expected);
            assertThat(storedAtKill).as("the kill really was mid-stream").isLessThan(expected);
            assertThat(publishedAtKill).isLessThan(MESSAGES);
            gateway.disconnect();
            second.cancel().get();
        }
    }

    private static long counted(EndToEnd e2e, String intervals) {
        return e2e.query(intervals).stream()
                .mapToLong(r -> Math.round(Double.parseDouble(r[1].toString())))
                .sum();
    }

    private static long stored(EndToEnd e2e, long base) {
        return e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N01' AND time >= " + base + "ms");
    }

    private static StreamExecutionEnvironment environment(Path checkpoints, String restoreFrom) {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        return env;
    }
}
