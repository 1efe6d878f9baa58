package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.stream.storage.PointSinks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sensor goes quiet for longer than a reader may idle (a broker outage, a district-wide
 * power cut) just after three neighbours complained of a smell that the sensors only show after
 * the gap. Complaints do not hold back event time, but neither may they move it: the complaints
 * wait for the readings to come back and are judged on them; the repeat case they make stays open;
 * and a complaint filed after the gap is judged on the readings after it too.
 *
 * <p>The gap is real: the source has nothing to give for four seconds, with {@code readerIdle} at
 * one second, so the reader is declared idle by Flink's own idleness timer; then readings come
 * every 10 ms, as a gateway's backlog would.
 */
class QuietSensorsIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Registry REGISTRY = RegistryLoader.parse(
            "sample with a short reader idleness", RegistryLoader.sampleText() + "\nrules:\n  readerIdle: PT1S\n");
    private static final long MINUTE = 60_000;
    /** 17:00 local (UTC+8) on 20 November. */
    private static final long FIVE_PM = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();

    private static final int GAP_AFTER_MINUTE = 105; // 18:45
    private static final long GAP_MILLIS = 4_000;

    /**
     * @param spacingMillis after the gap, one message every so often (a gateway's backlog), or all at
     *     once (0): then the input can end while the readers still count as idle, as when the job is
     *     stopped with {@code --drain} soon after a gap, and the complaints' end of input must not
     *     overtake the sensors' last verdicts
     */
    @ParameterizedTest(name = "after the gap, a message every {0} ms")
    @ValueSource(longs = {10, 0})
    void complaintsWaitForTheSensorsToComeBack(long spacingMillis) throws Exception {
        Site metalFinishing = REGISTRY.site("FE-O01").orElseThrow(); // class 2-existing: H2S limit 0.10 mg/m3
        Site electroplating = REGISTRY.site("FE-O04").orElseThrow(); // class 1: H2S limit 0.03 mg/m3
        List<MqttPayload> messages = new ArrayList<>();
        int gapAfterMessages = -1;
        for (int minute = 0; minute <= 260; minute++) {
            long ts = FIVE_PM + minute * MINUTE;
            double metal = minute >= 110 && minute < 150 ? 0.12 : 0.02; // 18:50 to 19:30
            double plating = minute >= 190 && minute < 220 ? 0.08 : 0.01; // 20:10 to 20:40
            String batch = "{\"readings\":[" + h2s("FE-O01", ts, metal) + "," + h2s("FE-O04", ts, plating) + "]}";
            messages.add(new MqttPayload(
                    ReadingCodec.topicFor("gw-fenggang-01"), batch.getBytes(StandardCharsets.UTF_8), ts));
            if (minute == GAP_AFTER_MINUTE) {
                for (int i = 1; i <= 3; i++) { // observed 18:40, 18:41, 18:42, filed at 18:45, from the same block
                    messages.add(complaint("C-quiet-" + i, metalFinishing, FIVE_PM + (99 + i) * MINUTE, ts));
                }
                gapAfterMessages = messages.size();
            }
            if (minute == 185) { // observed 20:05, filed at once: the sensor shows it from 20:10
                messages.add(complaint("C-after", electroplating, ts, ts));
            }
        }
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("quiet");
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(1);
            new EnvWatchJob(
                            new DataGeneratorSource<>(
                                    index -> messages.get(index.intValue()),
                                    messages.size(),
                                    new GapOnce(gapAfterMessages, GAP_MILLIS, spacingMillis),
                                    TypeInformation.of(MqttPayload.class)),
                            PointSinks.influx(InfluxSettings.v1(influxd.url(), "quiet")),
                            REGISTRY,
                            new ReadingCodec(REGISTRY))
                    .build(env);
            env.execute("quiet sensors");

            try (EndToEndReads reads = new EndToEndReads(influxd.url(), "quiet")) {
                Map<String, String> outcomes = new TreeMap<>();
                for (Object[] row : reads.query("SELECT id, outcome, evidence FROM complaint")) {
                    outcomes.put((String) row[1], row[2] + " | " + row[3]);
                }
                assertThat(outcomes).containsOnlyKeys("C-after", "C-quiet-1", "C-quiet-2", "C-quiet-3");
                for (int i = 1; i <= 3; i++) {
                    assertThat(outcomes.get("C-quiet-" + i))
                            .as("C-quiet-" + i)
                            .startsWith("corroborated | FE-O01 odour-h2s 0.120 mg/m3 / 0.100 mg/m3");
                }
                assertThat(outcomes.get("C-after"))
                        .startsWith("corroborated | FE-O04 odour-h2s 0.080 mg/m3 / 0.030 mg/m3");

                List<Object[]> cases = reads.query("SELECT id, state, \"count\", corroborated FROM repeat_case");
                assertThat(cases).singleElement().satisfies(c -> {
                    assertThat(c[2]).isEqualTo("open"); // 30 days have not passed since 18:42
                    assertThat(Double.parseDouble(c[3].toString())).isEqualTo(3);
                    assertThat(Double.parseDouble(c[4].toString())).isEqualTo(3);
                });
            }
        }
    }

    private static String h2s(String sensor, long ts, double value) {
        return "{\"sensor\":\"" + sensor + "\",\"ts\":" + ts + ",\"quantity\":\"h2s\",\"value\":" + value
                + ",\"unit\":\"mg/m3\"}";
    }

    /** About 300 m north of the site. */
    private static MqttPayload complaint(String id, Site site, long observedAt, long filedAt) {
        Complaint c = ComplaintCorrelationIT.complaint(id, "odour", site.lat() + 0.0027, site.lon(), observedAt);
        c.receivedAt = filedAt;
        return new MqttPayload(ComplaintCodec.topicFor("duty-service"), ComplaintCodec.encode(c), filedAt);
    }

    /** Gives the first {@code after} records at once, then nothing for {@code millis}, then one every {@code spacingMillis}. */
    private record GapOnce(long after, long millis, long spacingMillis) implements RateLimiterStrategy<SourceSplit> {
        @Override
        public RateLimiter<SourceSplit> createRateLimiter(int parallelism) {
            return new RateLimiter<>() {
                private long given;
                private boolean gapped;

                @Override
                public CompletionStage<Void> acquire(int permits) {
                    long before = given;
                    given += permits;
                    if (before < after) {
                        return CompletableFuture.completedFuture(null);
                    }
                    long wait = gapped ? spacingMillis : millis;
                    gapped = true;
                    if (wait == 0) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return CompletableFuture.runAsync(
                            () -> {}, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS));
                }
            };
        }
    }
}
