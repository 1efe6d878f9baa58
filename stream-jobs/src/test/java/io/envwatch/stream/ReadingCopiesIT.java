package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static io.envwatch.stream.EndToEnd.publish;
import static io.envwatch.stream.MqttToInfluxIT.batch;
import static io.envwatch.stream.MqttToInfluxIT.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.stream.storage.PointSinks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway publishes a message twice, as a QoS 1 retry after a lost PUBACK or a resend after a
 * reconnect does: through a real Mosquitto and the job into a real influxd, every interval counts
 * its readings once, and a copy that says another value is a dead letter while the first stays.
 */
class ReadingCopiesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = EndToEnd.twoSlots();

    @Test
    void aMessagePublishedTwiceIsCountedOnceByEveryInterval() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_copies")) {
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            // One reader: a second one with no gateway holds event time back for the minute of readerIdle.
            env.setParallelism(1);
            env.enableCheckpointing(500);
            JobClient job = e2e.job("copies-job").executeAsync(env);
            MqttClient gateway = e2e.publisher("copies-gateway");
            // Yesterday 10:00 in Dongguan: daytime, and the start of a minute, a 20-minute and an hour interval.
            long base = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))
                    .minusDays(1)
                    .withHour(10)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0)
                    .toInstant()
                    .toEpochMilli();
            e2e.awaitSubscribed(gateway, base, 1);

            List<String> quiet = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                quiet.add(reading("FE-N01", base + i * 1_000L, "noise", 50.0, "dB(A)"));
            }
            List<String> loud = new ArrayList<>();
            for (int i = 50; i < 60; i++) {
                loud.add(reading("FE-N01", base + i * 1_000L, "noise", 60.0, "dB(A)"));
            }
            publish(gateway, "gw-fenggang-01", batch(quiet.toArray(String[]::new)));
            String last = batch(loud.toArray(String[]::new));
            publish(gateway, "gw-fenggang-01", last);
            publish(gateway, "gw-fenggang-01", last); // the same bytes again
            // A copy of the first reading that says otherwise: a dead letter, and the first stays.
            publish(gateway, "gw-fenggang-01", batch(reading("FE-N01", base, "noise", 90.0, "dB(A)")));
            // Event time past the hour and the two minutes allowed for stragglers: every interval closes.
            publish(gateway, "gw-fenggang-01", batch(reading("FE-N90", base + 63 * 60_000L, "noise", 40.0, "dB(A)")));

            await(
                    "the three intervals and the dead letter",
                    Duration.ofSeconds(60),
                    () -> e2e.count("SELECT count(laeq) FROM noise_laeq WHERE site = 'FE-N01'") == 3
                            && e2e.count("SELECT count(detail) FROM dead_letter WHERE reason = 'CONFLICTING_DUPLICATE'")
                                    == 1);

            // n = 60 and 10·log10((50·10^5 + 10·10^6) / 60) = 53.98 dB(A); counted twice it was 70 and 55.53.
            assertThat(e2e.query("SELECT laeq, n, \"interval\" FROM noise_laeq WHERE site = 'FE-N01'"))
                    .extracting(r -> r[3] + "/" + number(r[1]) + "/" + Math.round(number(r[2])))
                    .containsExactlyInAnyOrder("PT1M/53.98/60", "PT20M/53.98/60", "PT1H/53.98/60");
            assertThat(e2e.query("SELECT value FROM reading WHERE site = 'FE-N01' AND time = " + base + "ms"))
                    .extracting(r -> number(r[1]))
                    .containsExactly(50.0);
            assertThat(e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N01'"))
                    .isEqualTo(60);
            assertThat(e2e.query("SELECT detail FROM dead_letter WHERE reason = 'CONFLICTING_DUPLICATE'"))
                    .extracting(r -> (String) r[1])
                    .singleElement()
                    .asString()
                    .contains("taken as 50.0 dB(A)")
                    .contains("this copy says 90.0 dB(A)");
            gateway.disconnect();
            job.cancel().get();
        }
    }

    /**
     * The same messages read by two readers at once (as after a session moved between readers, or
     * a replay beside the live feed): each reading is stored and counted once, whichever came first.
     */
    @Test
    void theSameMessagesFromTwoReadersAreCountedOnce() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_copies_two_readers")) {
            long base = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))
                    .minusDays(1)
                    .withHour(11)
                    .withMinute(0)
                    .withSecond(0)
                    .withNano(0)
                    .toInstant()
                    .toEpochMilli();
            int messages = 120;
            // Indices [0, 120) go to one reader and [120, 240) to the other: each sends all 120 messages.
            DataGeneratorSource<MqttPayload> twice = new DataGeneratorSource<>(
                    i -> {
                        int m = (int) (i % messages);
                        String readings =
                                reading("FE-N01", base + m * 1_000L, "noise", m % 60 < 50 ? 50.0 : 60.0, "dB(A)");
                        return new MqttPayload(
                                ReadingCodec.topicFor("gw-fenggang-01"),
                                batch(readings).getBytes(StandardCharsets.UTF_8),
                                base + m * 1_000L);
                    },
                    2L * messages,
                    TypeInformation.of(MqttPayload.class));
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(2);
            new EnvWatchJob(
                            twice,
                            PointSinks.influx(e2e.influx),
                            EndToEnd.REGISTRY,
                            new ReadingCodec(EndToEnd.REGISTRY))
                    .executeAsync(env)
                    .getJobExecutionResult()
                    .get();

            assertThat(e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N01'"))
                    .isEqualTo(messages);
            assertThat(e2e.query("SELECT laeq, n FROM noise_laeq WHERE site = 'FE-N01' AND \"interval\" = 'PT1M'"))
                    .extracting(r -> number(r[1]) + "/" + Math.round(number(r[2])))
                    .containsExactly("53.98/60", "53.98/60");
        }
    }

    private static double number(Object influxValue) {
        return Double.parseDouble(influxValue.toString());
    }
}
