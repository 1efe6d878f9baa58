package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.ingest.simulator.GatewaySimulator;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.stream.storage.PointSinks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two hours of the sample district at night, a reading per site per minute, from the simulator
 * with its scripted incidents (a factory running at night next to homes, an odour episode, a
 * phosphorus discharge) and one sensor falling silent for half an hour, replayed through the whole
 * job on a MiniCluster into a real influxd. The incidents stored are exactly the expected ones.
 */
class ScriptedIncidentsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    /** 22:00 in Dongguan. */
    private static final long BASE = Instant.parse("2026-11-20T14:00:00Z").toEpochMilli();

    private static final long MINUTE = 60_000;
    private static final int MINUTES = 120;

    @Test
    void theScriptedIncidentsAndNothingElse() throws Exception {
        Registry registry = RegistryLoader.sample();
        List<MqttPayload> messages = script(registry);
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("scripted");
            try (EndToEndReads reads = new EndToEndReads(influxd.url(), "scripted")) {
                runAndCheck(registry, messages, influxd, reads);
            }
        }
    }

    private static void runAndCheck(
            Registry registry, List<MqttPayload> messages, LocalInfluxd influxd, EndToEndReads reads) throws Exception {
        {
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(1);
            // Paced so that event time advances in steps as it would live: a bounded source read at full
            // speed would reach the end before the first periodic watermark, and the end of the input
            // is (rightly) not taken for half an hour of sensor silence.
            DataGeneratorSource<MqttPayload> source = new DataGeneratorSource<>(
                    index -> messages.get(index.intValue()),
                    messages.size(),
                    RateLimiterStrategy.perSecond(60),
                    TypeInformation.of(MqttPayload.class));
            new EnvWatchJob(
                            source,
                            PointSinks.influx(InfluxSettings.v1(influxd.url(), "scripted")),
                            registry,
                            new ReadingCodec(registry))
                    .build(env);
            env.execute("scripted incidents");

            Map<String, String> incidents = new TreeMap<>();
            for (Object[] row : reads.query("SELECT id, state, \"end\" FROM incident")) {
                incidents.put(
                        (String) row[1],
                        row[2] + " until +" + (Math.round(Double.parseDouble(row[3].toString())) - BASE) / MINUTE
                                + " min");
            }
            assertThat(incidents)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "FE-N01:noise-laeq-1m:" + (BASE + MINUTE), "closed until +31 min",
                            "FE-N01:noise-night-max:" + (BASE + MINUTE), "closed until +31 min",
                            "TA-O03:odour-h2s:" + BASE, "closed until +50 min",
                            "W-TANGXIA:tp-mean:" + (BASE - 50 * MINUTE), "closed until +80 min",
                            // the discharge is also a sudden spike, and the month's budget cannot take many days like
                            // it
                            "W-TANGXIA:tp-spike:" + (BASE + MINUTE), "closed until +91 min",
                            "W-TANGXIA:tp-budget:" + (BASE + MINUTE), "closed until +106 min",
                            "FE-N90:no-data:" + (BASE + 39 * MINUTE), "closed until +70 min"));

            List<Object[]> noise = reads.query(
                    "SELECT peak, \"limit\", severity, buildings, period FROM incident WHERE rule = 'noise-laeq-1m'");
            assertThat(noise).singleElement().satisfies(r -> {
                assertThat(Double.parseDouble(r[1].toString())).isGreaterThan(68);
                assertThat(Double.parseDouble(r[2].toString())).isEqualTo(55);
                assertThat(r[3]).isEqualTo("CRITICAL");
                assertThat((String) r[4]).startsWith("B-FE-01@");
                assertThat(r[5]).isEqualTo("night");
            });
            assertThat(reads.count("SELECT count(peak) FROM duty_alert")).isEqualTo(7);
            assertThat(reads.count(
                            "SELECT count(laeq) FROM noise_laeq WHERE site = 'FE-N01' AND \"interval\" = 'PT1M'"))
                    .isEqualTo(MINUTES);
            assertThat(reads.count(
                            "SELECT count(laeq) FROM noise_laeq WHERE site = 'FE-N01' AND \"interval\" = 'PT20M'"))
                    .isEqualTo(MINUTES / 20);
            assertThat(reads.count("SELECT count(value) FROM late_reading")).isZero();
            assertThat(reads.count("SELECT count(detail) FROM dead_letter")).isZero();
        }
    }

    /** The simulator's batches for every gateway, minute by minute, with FE-N90 silent from +40 to +70 min. */
    private static List<MqttPayload> script(Registry registry) {
        GatewaySimulator simulator = new GatewaySimulator(
                registry,
                "tcp://unused:1",
                Integer.MAX_VALUE,
                Duration.ofMinutes(1),
                GatewaySimulator.sampleScenarios(),
                () -> BASE,
                7);
        List<MqttPayload> messages = new ArrayList<>();
        for (int minute = 0; minute < MINUTES; minute++) {
            long ts = BASE + minute * MINUTE;
            for (String gateway : simulator.gateways()) {
                List<Reading> batch = new ArrayList<>(simulator.batch(gateway, ts));
                if (minute >= 40 && minute < 70) {
                    batch.removeIf(r -> r.site.equals("FE-N90"));
                }
                messages.add(new MqttPayload(
                        ReadingCodec.topicFor(gateway), ReadingCodec.encode(gateway, batch), ts + 1_000));
            }
        }
        return messages;
    }
}
