package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalVictoriaMetrics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When a checkpoint completes, every line given to the sink before its barrier is in InfluxDB,
 * not only in the checkpoint's copy of the sink's buffer. The checkpoint's completion is what lets
 * the MQTT source acknowledge the messages to the broker, which then forgets them: a line that was
 * only in the checkpoint was lost whenever that checkpoint was not restored (a start without state,
 * {@code --restore none}; a new job graph whose sink ids moved). Seen in CI: SessionsAcrossStartsIT
 * missing 25 readings of one gateway, about the 200 ms the sink buffers.
 *
 * <p>Readings flow steadily (so that the sink always holds some at a barrier); a step just before
 * the sink counts what it passed on at each barrier and, when that checkpoint completes, asks the
 * store how many are stored: influxd over v1, VictoriaMetrics over v2.
 */
class InfluxSinkCheckpointIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final String DATABASE = "sink_checkpoints";
    private static final long BASE = 1_763_700_000_000L;
    /** What each completed checkpoint found: passed on before its barrier, stored when it completed. */
    static final List<long[]> CHECKS = new CopyOnWriteArrayList<>();

    @Test
    void aCompletedCheckpointsLinesAreInInfluxDb() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase(DATABASE);
            String url = influxd.url();
            run(InfluxSettings.v1(url, DATABASE), () -> storedInInfluxd(url));
        }
        assertEveryCheckpointFoundItsLinesStored();
    }

    /**
     * The same over the v2 API into a real server that takes it (VictoriaMetrics), stopped for 3 s
     * while readings flow: the checkpoints that fall in the outage wait for the server, and none
     * completes before what came ahead of its barrier is stored.
     */
    @Test
    void overTheV2ApiCheckpointsWaitForTheServerWhileItIsDown() throws Exception {
        try (LocalVictoriaMetrics victoria = LocalVictoriaMetrics.start()) {
            String url = victoria.url();
            Thread outage = new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                    victoria.stop(false);
                    Thread.sleep(3_000);
                    victoria.startAgain();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            outage.start();
            run(InfluxSettings.v2(url, "envwatch", DATABASE, "envwatch-test-token"), () -> storedInVictoria(url));
            outage.join();
        }
        assertEveryCheckpointFoundItsLinesStored();
    }

    private static void run(InfluxSettings target, StoredCount stored) throws Exception {
        CHECKS.clear();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(250);
        InfluxSchema schema = new InfluxSchema(InfluxSinkContract.REGISTRY);
        env.fromSource(
                        new DataGeneratorSource<>(
                                i -> new Reading("FE-N01", Quantity.NOISE, 50, BASE + i, "gw"),
                                3_000,
                                RateLimiterStrategy.perSecond(1_000),
                                TypeInformation.of(Reading.class)),
                        WatermarkStrategy.noWatermarks(),
                        "steady readings")
                .map(new CountAtCheckpoints(stored))
                .sinkTo(InfluxSink.of(target, schema::reading));
        env.execute("sink checkpoints");
    }

    private static void assertEveryCheckpointFoundItsLinesStored() {
        assertThat(CHECKS).as("checkpoints completed while readings flowed").hasSizeGreaterThanOrEqualTo(4);
        assertThat(CHECKS)
                .allSatisfy(check -> assertThat(check[1])
                        .as("stored when the checkpoint completed, of " + check[0]
                                + " given to the sink before its barrier")
                        .isGreaterThanOrEqualTo(check[0]));
    }

    /** How many of the readings the store holds now. */
    @FunctionalInterface
    interface StoredCount extends java.io.Serializable {
        long count() throws Exception;
    }

    private static long storedInInfluxd(String url) throws Exception {
        String query =
                URLEncoder.encode("SELECT count(value) FROM reading WHERE site = 'FE-N01'", StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/query?db=" + DATABASE + "&q=" + query))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper()
                .readTree(answer.body())
                .path("results")
                .path(0)
                .path("series")
                .path(0)
                .path("values")
                .path(0)
                .path(1)
                .asLong();
    }

    private static long storedInVictoria(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(
                HttpRequest.newBuilder(URI.create(url + "/internal/force_flush"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/export?match[]="
                                + URLEncoder.encode(
                                        "{__name__=\"reading_value\",site=\"FE-N01\"}", StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long stored = 0;
        for (String series : answer.body().lines().filter(l -> !l.isBlank()).toList()) {
            stored += new ObjectMapper().readTree(series).path("timestamps").size();
        }
        return stored;
    }

    /** Passes readings on; counts them at each barrier and checks the store when the checkpoint completes. */
    static final class CountAtCheckpoints
            implements MapFunction<Reading, Reading>, CheckpointedFunction, CheckpointListener {
        private final StoredCount stored;
        private transient long passed;
        private transient java.util.Map<Long, Long> atBarrier;

        CountAtCheckpoints(StoredCount stored) {
            this.stored = stored;
        }

        @Override
        public Reading map(Reading reading) {
            passed++;
            return reading;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
            atBarrier = new java.util.HashMap<>();
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            atBarrier.put(context.getCheckpointId(), passed);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            Long given = atBarrier.remove(checkpointId);
            if (given == null || given == 0) {
                return;
            }
            CHECKS.add(new long[] {given, stored.count()});
        }
    }
}
