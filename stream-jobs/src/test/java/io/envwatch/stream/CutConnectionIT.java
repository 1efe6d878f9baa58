package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttSourceConfig;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's network path to the broker is cut for 30 s (its veth link taken down: packets
 * dropped, no reset, as when a switch or a firewall goes) while gateways on another path keep
 * publishing: the readers notice, reconnect when the path is back, and every acknowledged reading
 * is stored once.
 */
@Tag("reliability")
class CutConnectionIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = EndToEnd.twoSlots();

    @Test
    void aReaderCutOffFor30SecondsCatchesUpWithNothingLost() throws Exception {
        assumeTrue(SplitNetwork.available(), "needs root and iproute2 for a network namespace");
        try (SplitNetwork network = new SplitNetwork();
                LocalMosquitto broker = LocalMosquitto.startInNamespace(
                        network.namespace, network.jobSide, EndToEnd.SHIPPED_ACCESS_RULES);
                LocalInfluxd influxd = LocalInfluxd.start();
                EndToEndReads reads = new EndToEndReads(influxd.url(), "envwatch_cut")) {
            influxd.createDatabase("envwatch_cut");
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(2);
            env.enableCheckpointing(500);
            MqttSourceConfig mqtt = MqttSourceConfig.of(
                            broker.url(), EnvWatchJobMain.topics(EndToEnd.REGISTRY), "cut-job")
                    .withCredentials("envwatch-job", "change-me-envwatch-job");
            JobClient job = EnvWatchJobMain.wire(
                            EndToEnd.REGISTRY, mqtt, InfluxSettings.v1(influxd.url(), "envwatch_cut"))
                    .executeAsync(env);
            String gatewayPath = "tcp://" + network.gatewaySide + ":" + broker.port();
            long base = Instant.now().minusSeconds(4 * 3600).toEpochMilli();
            // Wait until the job's sessions are subscribed: a marker from a gateway arrives stored.
            try (SteadyGateway marker = new SteadyGateway(
                    gatewayPath, "gw-qiaotou-01", "change-me-gw-qiaotou-01", "QI-N01", base - 100_000, 1, 200)) {
                EndToEnd.await(
                        "the source to subscribe",
                        Duration.ofSeconds(60),
                        () -> reads.count("SELECT count(value) FROM reading WHERE site = 'QI-N01'") > 0);
            }
            List<SteadyGateway> gateways = List.of(
                    new SteadyGateway(
                            gatewayPath, "gw-fenggang-01", "change-me-gw-fenggang-01", "FE-N01", base, 10, 10),
                    new SteadyGateway(gatewayPath, "gw-tangxia-01", "change-me-gw-tangxia-01", "TA-N02", base, 10, 10));
            Thread.sleep(3_000);
            network.cutJobPath(true);
            Thread.sleep(30_000);
            network.cutJobPath(false);
            Instant restored = Instant.now();
            Thread.sleep(3_000);
            for (EndToEnd.Tally tally :
                    EndToEnd.stopAndTally(reads, "connection cut for 30 s", gateways, base, restored)) {
                assertThat(tally.published()).isGreaterThan(1_000);
                assertThat(tally.missing()).isZero();
                assertThat(tally.duplicated()).isZero();
            }
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            job.cancel().get();
        }
    }
}
