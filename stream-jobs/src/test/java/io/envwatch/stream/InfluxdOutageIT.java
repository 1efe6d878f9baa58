package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * influxd is killed (kill -9) for 60 s while gateways keep publishing: the sink retries, the job
 * holds its acknowledgements until its checkpoints can complete again, and every acknowledged
 * reading is stored once after influxd is back.
 */
@Tag("reliability")
class InfluxdOutageIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = EndToEnd.twoSlots();

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void aMinuteWithoutInfluxdLosesNothing() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_influx_outage", true)) {
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(2);
            env.enableCheckpointing(500);
            JobClient job = e2e.job("influx-outage-job").executeAsync(env);
            long base = Instant.now().minusSeconds(5 * 3600).toEpochMilli();
            MqttClient marker = e2e.gateway("gw-qiaotou-01");
            e2e.awaitSubscribedAs(marker, "gw-qiaotou-01", "QI-N01", base, 1);
            marker.disconnect();
            List<SteadyGateway> gateways = List.of(
                    new SteadyGateway(
                            e2e.broker.url(), "gw-fenggang-01", "change-me-gw-fenggang-01", "FE-N01", base, 10, 20),
                    new SteadyGateway(
                            e2e.broker.url(), "gw-tangxia-01", "change-me-gw-tangxia-01", "TA-N02", base, 10, 20));
            Thread.sleep(3_000);
            e2e.influxd.stop(true);
            Thread.sleep(OUTAGE.toMillis());
            e2e.influxd.startAgain();
            Instant back = Instant.now();
            Thread.sleep(3_000);
            for (EndToEnd.Tally tally : EndToEnd.stopAndTally(
                    e2e.reads(), "influxd killed for " + OUTAGE.toSeconds() + " s", gateways, base, back)) {
                assertThat(tally.published()).isGreaterThan(1_000);
                assertThat(tally.missing()).isZero();
                assertThat(tally.duplicated()).isZero();
            }
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            job.cancel().get();
        }
    }
}
