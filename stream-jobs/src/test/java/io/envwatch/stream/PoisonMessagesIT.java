package io.envwatch.stream;

import static io.envwatch.stream.EndToEnd.await;
import static io.envwatch.stream.EndToEnd.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.ReadingCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile but well-formed input from a real gateway credential, through the shipped broker rules
 * and the job at parallelism 2: nothing a gateway sends may stop the job, every valid reading
 * around the poison is stored once, and what the poison leaves behind is bounded. Meanwhile
 * another gateway subscribes to everything it can name, the old shared group included: it
 * receives nothing and takes nothing from the job. The job runs
 * without a restart strategy, so a single failure (the old poison loop) fails the test at once.
 */
@Tag("reliability")
class PoisonMessagesIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = EndToEnd.twoSlots();

    static final String GATEWAY = "gw-fenggang-01";

    @Test
    void poisonNeverStopsTheJobAndCostsNoValidReading() throws Exception {
        try (EndToEnd e2e = new EndToEnd("envwatch_poison", true)) {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            env.enableCheckpointing(500);
            JobClient job = e2e.job("poison-job").executeAsync(env);
            MqttClient gateway = e2e.gateway(GATEWAY);
            long base = Instant.now().minusSeconds(7200).toEpochMilli();
            e2e.awaitSubscribed(gateway, base, 1);
            // Another gateway's credential tries to read the readings, and to join the job's shared
            // group as earlier versions named it (a share it held would be dropped by the read ACL).
            MqttClient intruder = e2e.gateway("gw-tangxia-01");
            List<String> overheard = new CopyOnWriteArrayList<>();
            for (String filter : List.of(
                    "$share/envwatch/envwatch/v1/+/+",
                    "$share/envwatch/envwatch/v1/readings/" + GATEWAY,
                    "envwatch/v1/#",
                    "#")) {
                intruder.subscribe(
                        new MqttSubscription[] {new MqttSubscription(filter, 1)},
                        new IMqttMessageListener[] {(topic, m) -> overheard.add(topic)});
            }

            List<Long> published = new ArrayList<>();
            long next = base;
            for (Map.Entry<String, byte[]> poison : corpus().entrySet()) {
                next = publishValid(gateway, next, 20, published);
                publish(gateway, ReadingCodec.topicFor(GATEWAY), poison.getValue());
            }
            next = publishValid(gateway, next, 20, published);

            await(
                    "every valid reading around the poison and the poison's dead letters",
                    Duration.ofSeconds(90),
                    () -> e2e.count("SELECT count(value) FROM reading WHERE site = 'FE-N01' AND time >= " + base + "ms")
                                    >= published.size()
                            && e2e.count("SELECT count(detail) FROM dead_letter WHERE reason = 'INVALID_JSON'") >= 3
                            && e2e.count("SELECT count(detail) FROM dead_letter WHERE reason = 'TOO_MANY_REJECTED'")
                                    >= 1
                            && e2e.count("SELECT count(detail) FROM dead_letter WHERE reason = 'OVERSIZE'") >= 1);
            EndToEnd.Tally tally = e2e.tally("poison corpus", "FE-N01", published);
            assertThat(tally.missing()).isZero();
            assertThat(tally.duplicated()).isZero();
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(overheard)
                    .as("what another gateway's credential received")
                    .isEmpty();
            intruder.disconnect();

            // What the poison left: dead letters, each field bounded, and not one per bad reading
            // of a 100,000-reading message.
            List<Object[]> dead = e2e.query("SELECT reason, sensor, detail, raw, topic FROM dead_letter");
            System.out.println("RELIABILITY poison corpus: " + dead.size() + " dead letters");
            assertThat(dead.size()).isBetween(corpus().size(), 400);
            for (Object[] row : dead) {
                for (int i = 2; i <= 5; i++) {
                    assertThat(String.valueOf(row[i]).length())
                            .as("field %d of %s", i, row[1])
                            .isLessThan(1_100);
                }
            }
            assertThat(dead)
                    .extracting(r -> (String) r[1])
                    .contains("TOO_MANY_REJECTED", "INVALID_JSON", "UNKNOWN_SENSOR", "OVERSIZE");
            gateway.disconnect();
            job.cancel().get();
        }
    }

    private static long publishValid(MqttClient gateway, long from, int n, List<Long> published) throws Exception {
        StringBuilder batch = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < n; i++) {
            long ts = from + i * 1_000L;
            batch.append(i == 0 ? "" : ",")
                    .append("{\"sensor\":\"FE-N01\",\"ts\":")
                    .append(ts)
                    .append(",\"quantity\":\"noise\",\"value\":")
                    .append(40 + i % 20)
                    .append(",\"unit\":\"dB(A)\"}");
            published.add(ts);
        }
        publish(gateway, GATEWAY, batch.append("]}").toString());
        return from + n * 1_000L;
    }

    /** Messages a hostile or broken gateway can send: within the codec's 256 KiB, and one far over it. */
    static Map<String, byte[]> corpus() {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put(
                "a 200,000-character sensor",
                utf8("{\"readings\":[{\"sensor\":\"" + "S".repeat(200_000)
                        + "\",\"ts\":1,\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"}]}"));
        String big = "x".repeat(50_000);
        corpus.put(
                "every field oversize",
                utf8("{\"gateway\":\"" + GATEWAY + "\",\"readings\":[{\"sensor\":\"FE-N01\",\"ts\":\""
                        + big
                        + "\",\"quantity\":\"noise\",\"value\":50,\"unit\":\"dB(A)\"},{\"sensor\":\"FE-N01\",\"ts\":1,\"quantity\":\""
                        + big
                        + "\",\"value\":50,\"unit\":\"dB(A)\"},{\"sensor\":\"FE-N01\",\"ts\":1,\"quantity\":\"noise\",\"value\":50,\"unit\":\""
                        + big + "\"}]}"));
        corpus.put(
                "a gateway field naming another gateway at length",
                utf8("{\"gateway\":\"" + "g".repeat(100_000) + "\",\"readings\":[]}"));
        corpus.put("100,000 readings of bad values", utf8("{\"readings\":[" + "1,".repeat(99_999) + "1]}"));
        corpus.put(
                "JSON nested 100,000 deep", utf8("{\"readings\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        String withMarker = "{\"readings\":[{\"sensor\":\"FE-N01@@\",\"ts\":1}]}";
        byte[] invalid = utf8(withMarker);
        invalid[withMarker.indexOf("@@")] = (byte) 0xC3; // a two-byte lead followed by no continuation byte
        invalid[withMarker.indexOf("@@") + 1] = (byte) 0x28;
        corpus.put("invalid UTF-8", invalid);
        corpus.put(
                "a number of 100,000 digits",
                utf8("{\"readings\":[{\"sensor\":\"FE-N01\",\"ts\":1,\"quantity\":\"noise\",\"value\":"
                        + "9".repeat(100_000) + ",\"unit\":\"dB(A)\"}]}"));
        corpus.put("10 MB, under the broker's ceiling", utf8("{\"readings\":[\"" + "z".repeat(10_000_000) + "\"]}"));
        return corpus;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
