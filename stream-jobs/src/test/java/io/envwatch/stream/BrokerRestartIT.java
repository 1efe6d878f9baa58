package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.delivery.ResendWindow;
import io.envwatch.delivery.ResendingPublisher;
import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.local.LocalMosquitto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker restarts under load, cleanly (SIGTERM) and then by a crash (kill -9), with persistence
 * on as in production, while three gateways and the duty service keep publishing, reconnect by
 * themselves and send again what the broker acknowledged in the last minute: every reading and
 * every complaint the broker acknowledged is stored, and every LAeq interval counts its readings
 * once. A crash loses what Mosquitto acknowledged in its last moments; the resend brings it back.
 */
@Tag("reliability")
class BrokerRestartIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = EndToEnd.twoSlots();

    private static final long HOURS_2 = 2 * 3_600_000L;

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
                    new SteadyGateway(
                            e2e.broker.url(), "gw-fenggang-01", "change-me-gw-fenggang-01", "FE-N01", base, 20, 10),
                    new SteadyGateway(
                            e2e.broker.url(), "gw-tangxia-01", "change-me-gw-tangxia-01", "TA-N02", base, 20, 10),
                    new SteadyGateway(
                            e2e.broker.url(), "gw-changping-01", "change-me-gw-changping-01", "CH-N01", base, 20, 10));
            SteadyComplaints duty = new SteadyComplaints(e2e.broker.url(), base, 50);
            Thread.sleep(3_000);
            System.out.println("RELIABILITY SIGTERM at " + Instant.now());
            e2e.broker.stop(false);
            e2e.broker.startAgain();
            Thread.sleep((LocalMosquitto.AUTOSAVE_SECONDS + 2) * 1_000L);
            Instant killed = Instant.now();
            System.out.println("RELIABILITY kill -9 at " + killed);
            e2e.broker.stop(true);
            e2e.broker.startAgain();
            Thread.sleep(5_000);
            duty.close();
            List<EndToEnd.Tally> tallies =
                    EndToEnd.stopAndTally(e2e.reads(), "broker SIGTERM and kill -9 restarts", gateways, base, killed);
            if (tallies.stream().anyMatch(t -> t.missing() > 0)) {
                System.out.println("BROKER LOG\n" + e2e.broker.log());
            }
            for (int i = 0; i < gateways.size(); i++) {
                SteadyGateway gateway = gateways.get(i);
                EndToEnd.Tally tally = tallies.get(i);
                tally.missingTimes().stream()
                        .limit(3)
                        .forEach(ts -> System.out.println(
                                "  missing " + ts + ", acknowledged at " + gateway.acknowledgedAt(ts)));
                System.out.println("RELIABILITY " + gateway.gateway + " sent again " + gateway.resent()
                        + " messages after reconnects");
                assertThat(tally.published()).isGreaterThan(1_000);
                assertThat(gateway.resent())
                        .as("messages sent again after the reconnects")
                        .isPositive();
                assertThat(tally.missing()).as("acknowledged and not stored").isZero();
                assertThat(tally.duplicated()).isZero();
            }

            // Counted once: event time past the readings' minutes, then every 1-minute LAeq interval's n
            // summed is the number of readings stored in those minutes.
            for (String[] g : new String[][] {
                {"gw-qiaotou-01", "QI-N01"},
                {"gw-fenggang-01", "FE-N01"},
                {"gw-tangxia-01", "TA-N02"},
                {"gw-changping-01", "CH-N01"}
            }) {
                MqttClient client = e2e.gateway(g[0]);
                EndToEnd.publish(
                        client,
                        g[0],
                        "{\"readings\":[{\"sensor\":\"" + g[1] + "\",\"ts\":" + (base + HOURS_2)
                                + ",\"quantity\":\"noise\",\"value\":40.0,\"unit\":\"dB(A)\"}]}");
                client.disconnect();
            }
            for (SteadyGateway gateway : gateways) {
                // From the start of the minute the first reading is in: an interval is stored at its start.
                String site = "site = '" + gateway.sensor + "' AND time >= " + (base / 60_000 * 60_000)
                        + "ms AND time < " + (base + HOURS_2 - 3_600_000) + "ms";
                long stored = e2e.count("SELECT count(value) FROM reading WHERE " + site);
                long[] counted = {-1};
                EndToEnd.awaitOrGiveUp(Duration.ofSeconds(120), () -> {
                    counted[0] = e2e.query("SELECT n FROM noise_laeq WHERE \"interval\" = 'PT1M' AND " + site).stream()
                            .mapToLong(r -> Math.round(Double.parseDouble(r[1].toString())))
                            .sum();
                    return counted[0] >= stored;
                });
                System.out.println("RELIABILITY " + gateway.gateway + ": stored " + stored
                        + ", counted by the 1-minute intervals " + counted[0]);
                assertThat(counted[0])
                        .as("readings counted by the 1-minute LAeq intervals")
                        .isEqualTo(stored);
            }

            // Complaints answered 202 are those the broker acknowledged: each is stored (decided at once,
            // no sensor in range).
            Set<String> stored = new HashSet<>();
            EndToEnd.awaitOrGiveUp(Duration.ofSeconds(60), () -> {
                stored.clear();
                e2e.query("SELECT id FROM complaint WHERE time >= " + base + "ms")
                        .forEach(r -> stored.add((String) r[1]));
                return stored.containsAll(duty.acknowledged());
            });
            List<String> missing = duty.acknowledged().stream()
                    .filter(id -> !stored.contains(id))
                    .toList();
            System.out.println("RELIABILITY complaints: acknowledged "
                    + duty.acknowledged().size() + ", stored " + stored.size() + ", missing " + missing.size()
                    + ", sent again " + duty.resent());
            assertThat(duty.acknowledged()).hasSizeGreaterThan(50);
            assertThat(missing).isEmpty();
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            job.cancel().get();
        }
    }

    /**
     * The duty service's side: complaints published as it publishes them (QoS 1, kept for the resend
     * window, sent again after a reconnect), far from any sensor so that each is decided and stored
     * at once. A complaint counts as answered 202 when the broker acknowledged it.
     */
    static final class SteadyComplaints implements AutoCloseable {
        private final MqttAsyncClient client;
        private final ResendingPublisher publisher;
        private final List<String> acknowledged = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        SteadyComplaints(String brokerUrl, long base, long pauseMillis) throws MqttException {
            client = new MqttAsyncClient(brokerUrl, "envwatch-duty", new MemoryPersistence());
            publisher = new ResendingPublisher(client, new ResendWindow());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 2);
            options.setUserName("envwatch-duty");
            options.setPassword("change-me-envwatch-duty".getBytes(StandardCharsets.UTF_8));
            client.connect(options).waitForCompletion(5_000);
            thread = new Thread(
                    () -> {
                        for (int n = 0; running; n++) {
                            String id = "C-broker-" + n;
                            Complaint c =
                                    ComplaintCorrelationIT.complaint(id, "odour", 22.7185, 114.0885, base + n * 1_000L);
                            try {
                                publisher
                                        .publish(ComplaintCodec.topicFor("duty-service"), ComplaintCodec.encode(c))
                                        .get(5, TimeUnit.SECONDS);
                                acknowledged.add(id);
                            } catch (ExecutionException | TimeoutException e) {
                                // not answered 202: the citizen is told to try again
                            } catch (InterruptedException e) {
                                return;
                            }
                            try {
                                Thread.sleep(pauseMillis);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "duty-complaints");
            thread.start();
        }

        List<String> acknowledged() {
            return List.copyOf(acknowledged);
        }

        long resent() {
            return publisher.window().resent();
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(10_000);
            // What the last reconnect sends again has arrived before the complaints are counted.
            Thread.sleep(1_000);
            publisher.close();
            client.disconnectForcibly(1_000);
            client.close();
        }
    }
}
