package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.local.LocalMosquitto;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker restarts under load, cleanly (SIGTERM) and then by a crash (kill -9), with persistence
 * on as in production, while three gateways keep publishing and reconnect by themselves: every
 * reading the broker acknowledged to a gateway is stored, once.
 */
@Tag("reliability")
class BrokerRestartIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = EndToEnd.twoSlots();

    /** How long before a kill -9 Mosquitto may have acknowledged a message it never passed on. */
    private static final long CRASH_WINDOW_MS = 250;

    @Test
    void everyAcknowledgedReadingSurvivesBrokerRestarts() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_broker_restart", true, true)) {
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(2);
            env.enableCheckpointing(500);
            JobClient job = e2e.job("restart-broker-job").executeAsync(env);
            MqttClient marker = e2e.gateway("gw-qiaotou-01");
            long base = Instant.now().minusSeconds(3 * 3600).toEpochMilli();
            e2e.awaitSubscribedAs(marker, "gw-qiaotou-01", "QI-N01", base, 1);
            marker.disconnect();
            // The job's sessions reach the broker's disk with its next autosave.
            Thread.sleep((LocalMosquitto.AUTOSAVE_SECONDS + 1) * 1_000L);

            List<SteadyGateway> gateways = List.of(
                    new SteadyGateway(e2e.broker.url(), "gw-fenggang-01", "change-me-gw-fenggang-01", "FE-N01", base, 20, 10),
                    new SteadyGateway(e2e.broker.url(), "gw-tangxia-01", "change-me-gw-tangxia-01", "TA-N02", base, 20, 10),
                    new SteadyGateway(e2e.broker.url(), "gw-changping-01", "change-me-gw-changping-01", "CH-N01", base, 20, 10));
            Thread.sleep(3_000);
            System.out.println("RELIABILITY SIGTERM at " + Instant.now());
            e2e.broker.stop(false);
            e2e.broker.startAgain();
            Thread.sleep((LocalMosquitto.AUTOSAVE_SECONDS + 2) * 1_000L);
            Instant killed = Instant.now();
            System.out.println("RELIABILITY kill -9 at " + killed);
            e2e.broker.stop(true);
            // The signal lands a moment after `killed` was read: acknowledgements until the process
            // is seen gone are the dying broker's own (one was seen 1 ms after `killed`).
            Instant dead = Instant.now();
            e2e.broker.startAgain();
            Thread.sleep(5_000);
            List<EndToEnd.Tally> tallies = EndToEnd.stopAndTally(e2e.reads(), "broker SIGTERM and kill -9 restarts", gateways,
                    base, killed);
            if (tallies.stream().anyMatch(t -> t.missing() > 0)) {
                System.out.println("BROKER LOG\n" + e2e.broker.log());
            }
            for (int i = 0; i < gateways.size(); i++) {
                SteadyGateway gateway = gateways.get(i);
                EndToEnd.Tally tally = tallies.get(i);
                tally.missingTimes().stream().limit(3).forEach(ts -> System.out.println("  missing " + ts
                        + ", acknowledged at " + gateway.acknowledgedAt(ts)));
                assertThat(tally.published()).isGreaterThan(1_000);
                // Mosquitto acknowledges a message before the job has read it from its connection and
                // has no per-message sync to disk: a kill -9 can lose what it acknowledged in its last
                // moments (seen: 1-3 messages a gateway, acknowledged within 30 ms before it; docs/reliability.md).
                // Nothing acknowledged at any other time may be missing.
                assertThat(tally.missingTimes()).allSatisfy(ts -> assertThat(gateway.acknowledgedAt(ts))
                        .isBetween(killed.minusMillis(CRASH_WINDOW_MS), dead));
                assertThat(tally.duplicated()).isZero();
            }
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            job.cancel().get();
        }
    }
}
