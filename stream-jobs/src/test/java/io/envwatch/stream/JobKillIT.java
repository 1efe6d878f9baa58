package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.registry.Site;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's process is killed (kill -9) while complaints the duty service handed over wait in its
 * state for their evidence window (the broker was told they were safe at the last checkpoint), and
 * started again the documented way (EnvWatchJobMain, settings from the environment): it resumes
 * from the latest retained checkpoint, so every complaint is decided and stored, and every reading
 * published across the crash is stored once.
 */
@Tag("reliability")
class JobKillIT {
    private static final long MINUTE = 60_000;
    private static final int COMPLAINTS = 50;

    @Test
    void complaintsInFlightSurviveAKilledJob(@TempDir Path work) throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_job_kill", true, true)) {
            Path checkpoints = work.resolve("checkpoints");
            Map<String, String> env = Map.of(
                    "ENVWATCH_MQTT_URL", e2e.broker.url(),
                    "ENVWATCH_MQTT_USER", "envwatch-job",
                    "ENVWATCH_MQTT_PASSWORD", "change-me-envwatch-job",
                    "ENVWATCH_MQTT_CLIENT_ID", "killed-job",
                    "ENVWATCH_INFLUX_URL", e2e.influxd.url(),
                    "ENVWATCH_INFLUX_DATABASE", "envwatch_job_kill",
                    "ENVWATCH_CHECKPOINT_DIR", checkpoints.toUri().toString(),
                    "ENVWATCH_CHECKPOINT_MS", "500",
                    "ENVWATCH_PARALLELISM", "2");
            // Yesterday 10:00 in Dongguan: daytime, in the past.
            long base = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))
                    .minusDays(1)
                    .withHour(10)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0)
                    .toInstant()
                    .toEpochMilli();
            MqttClient fenggang = e2e.gateway("gw-fenggang-01");
            MqttClient tangxia = e2e.gateway("gw-tangxia-01");
            MqttClient duty = e2e.gateway("envwatch-duty");
            List<Long> published = new ArrayList<>();

            JobProcess first = JobProcess.start(env, work.resolve("first.log"));
            try {
                e2e.awaitSubscribedAs(fenggang, "gw-fenggang-01", "FE-N90", base - MINUTE, 1);
                for (int minute = 0; minute <= 10; minute++) {
                    publishMinute(fenggang, tangxia, base + minute * MINUTE, published);
                }
                Site homes = EndToEnd.REGISTRY.site("FE-N91").orElseThrow();
                for (int i = 0; i < COMPLAINTS; i++) {
                    EndToEnd.publish(
                            duty,
                            ComplaintCodec.topicFor("duty-service"),
                            ComplaintCodec.encode(ComplaintCorrelationIT.complaint(
                                    "C-kill-" + i, "noise", homes.lat(), homes.lon(), base + 5 * MINUTE)));
                }
                Instant handedOver = Instant.now();
                // The complaints' messages are acknowledged to the broker when a checkpoint taken
                // after they arrived completes; from then on only the job's state holds them.
                await(
                        "a checkpoint completed after the complaints arrived",
                        Duration.ofSeconds(60),
                        () -> completedAfter(checkpoints, handedOver.plusMillis(1_500)));
                Thread.sleep(1_000);
                assertThat(e2e.count("SELECT count(id) FROM complaint"))
                        .as("still waiting for their window")
                        .isZero();
                assertThat(first.log()).contains("MQTT source: 2 session(s) created");
            } finally {
                first.kill();
            }

            // (With ENVWATCH_RESTORE=none here, as the job started before, all 50 complaints are lost.)
            JobProcess second = JobProcess.start(env, work.resolve("second.log"));
            Instant restarted = Instant.now();
            try {
                for (int minute = 11; minute <= 45; minute++) {
                    publishMinute(fenggang, tangxia, base + minute * MINUTE, published);
                }
                boolean decided = EndToEnd.awaitOrGiveUp(
                        Duration.ofSeconds(90), () -> e2e.count("SELECT count(id) FROM complaint") >= COMPLAINTS);
                if (!decided) {
                    System.out.println("SECOND RUN LOG\n" + second.log());
                }
                long stored = e2e.count("SELECT count(id) FROM complaint");
                System.out.println("RELIABILITY job kill -9 with complaints in flight: handed over " + COMPLAINTS
                        + ", stored " + stored + ", missing " + (COMPLAINTS - stored) + "; decided "
                        + Duration.between(restarted, Instant.now()).toSeconds()
                        + " s after the restart (JVM start included)");
                assertThat(stored).isEqualTo(COMPLAINTS);
                assertThat(second.log()).contains("resuming from the latest retained checkpoint");
                EndToEnd.awaitOrGiveUp(
                        Duration.ofSeconds(30),
                        () -> e2e.count("SELECT count(value) FROM reading WHERE site = 'TA-N02' AND time >= " + base
                                        + "ms")
                                >= published.size());
                for (String sensor : List.of("FE-N01", "TA-N02")) {
                    EndToEnd.Tally tally = e2e.tally("job kill -9, " + sensor, sensor, published);
                    assertThat(tally.missing()).isZero();
                    assertThat(tally.duplicated()).isZero();
                }
            } finally {
                second.kill();
            }
        }
    }

    private static void publishMinute(MqttClient fenggang, MqttClient tangxia, long ts, List<Long> published)
            throws Exception {
        EndToEnd.publish(
                fenggang,
                "gw-fenggang-01",
                "{\"readings\":[{\"sensor\":\"FE-N01\",\"ts\":" + ts
                        + ",\"quantity\":\"noise\",\"value\":72.0,\"unit\":\"dB(A)\"}]}");
        EndToEnd.publish(
                tangxia,
                "gw-tangxia-01",
                "{\"readings\":[{\"sensor\":\"TA-N02\",\"ts\":" + ts
                        + ",\"quantity\":\"noise\",\"value\":50.0,\"unit\":\"dB(A)\"}]}");
        published.add(ts);
    }

    private static boolean completedAfter(Path checkpoints, Instant after) {
        return CheckpointRecovery.latestCheckpoint(checkpoints.toUri().toString())
                .map(uri -> {
                    try {
                        return Files.getLastModifiedTime(
                                        Path.of(URI.create(uri)).resolve(CheckpointRecovery.METADATA))
                                .toInstant()
                                .isAfter(after);
                    } catch (IOException e) {
                        return false;
                    }
                })
                .orElse(false);
    }
}
