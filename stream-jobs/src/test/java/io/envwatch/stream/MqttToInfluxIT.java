package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static io.envwatch.stream.EndToEnd.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A batch through a real Mosquitto, the job on a MiniCluster, into a real influxd, and back by InfluxQL. */
class MqttToInfluxIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @Test
    void readingsDeadLettersAndAnAlertReachInfluxDb() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_it")) {
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(1);
            env.enableCheckpointing(500);
            JobClient job = e2e.job("it-job").executeAsync(env);
            MqttClient gateway = e2e.publisher("it-gateways");

            // Yesterday 10:00 in Dongguan: daytime whatever the machine's clock zone, and in the past.
            long base = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))
                    .minusDays(1)
                    .withHour(10)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0)
                    .toInstant()
                    .toEpochMilli();
            e2e.awaitSubscribed(gateway, base, 1);

            long t = base + 1_000;
            publish(
                    gateway,
                    "gw-fenggang-01",
                    batch(
                            reading("FE-N01", t, "noise", 72.5, "dB(A)"),
                            reading("FE-O01", t, "h2s", 20, "ug/m3"),
                            reading("NO-SUCH", t, "noise", 50, "dB(A)"),
                            reading("FE-N01", t + 1_000, "noise", "NaN", "dB(A)")));
            publish(gateway, "gw-fenggang-01", "{this is not json");
            publish(
                    gateway,
                    "gw-river-01",
                    "{\"gateway\":\"gw-river-01\",\"readings\":[" + reading("W-QILING", t, "tp", 0.184, "mg/L") + "]}");
            // The factory stays loud for three more minutes (zone 3, day limit 65): with the first, four
            // exceeded 1-minute LAeq intervals, and three in a row open an incident. A later reading
            // elsewhere moves event time past the two minutes allowed for stragglers.
            for (int minute = 1; minute <= 3; minute++) {
                publish(
                        gateway,
                        "gw-fenggang-01",
                        batch(reading("FE-N01", t + minute * 60_000L, "noise", 70.0, "dB(A)")));
            }
            publish(gateway, "gw-fenggang-01", batch(reading("FE-N90", t + 7 * 60_000L, "noise", 40.0, "dB(A)")));

            await(
                    "readings, dead letters and the alert",
                    Duration.ofSeconds(60),
                    () -> e2e.count("SELECT count(value) FROM reading WHERE time >= " + t + "ms") == 7
                            && e2e.count("SELECT count(detail) FROM dead_letter") == 3
                            && e2e.count("SELECT count(peak) FROM duty_alert") == 1);

            List<Object[]> rows = e2e.query(
                    "SELECT value, site, quantity FROM reading WHERE time >= " + t + "ms AND time < " + (t + 1) + "ms");
            assertThat(rows)
                    .extracting(r -> r[2] + "/" + r[3] + "=" + r[1])
                    .containsExactlyInAnyOrder("FE-N01/noise=72.5", "FE-O01/h2s=0.02", "W-QILING/tp=0.184");
            assertThat(e2e.query("SELECT reason, detail FROM dead_letter"))
                    .extracting(r -> (String) r[1])
                    .containsExactlyInAnyOrder("UNKNOWN_SENSOR", "NOT_FINITE", "INVALID_JSON");
            assertThat(e2e.query("SELECT site, state, peak, \"limit\", kind, id FROM duty_alert"))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r[1]).isEqualTo("FE-N01");
                        assertThat(r[2]).isEqualTo("open");
                        assertThat(Double.parseDouble(r[3].toString())).isEqualTo(72.5);
                        assertThat(Double.parseDouble(r[4].toString())).isEqualTo(65.0);
                        assertThat(r[5]).isEqualTo("noise-laeq-1m");
                        assertThat(r[6]).isEqualTo("FE-N01:noise-laeq-1m:" + t / 60_000 * 60_000);
                    });
            assertThat(e2e.count("SELECT count(laeq) FROM noise_laeq WHERE site = 'FE-N01' AND \"interval\" = 'PT1M'"))
                    .isEqualTo(4);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            gateway.disconnect();
            job.cancel().get();
        }
    }

    static String batch(String... readings) {
        return "{\"gateway\":\"gw-fenggang-01\",\"readings\":[" + String.join(",", readings) + "]}";
    }

    static String reading(String sensor, long ts, String quantity, Object value, String unit) {
        return "{\"sensor\":\"" + sensor + "\",\"ts\":" + ts + ",\"quantity\":\"" + quantity + "\",\"value\":" + value
                + ",\"unit\":\"" + unit + "\"}";
    }
}
