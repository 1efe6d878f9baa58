package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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
 * the sink counts what it passed on at each barrier and, when that checkpoint completes, asks
 * influxd how many are stored.
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
            CHECKS.clear();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.enableCheckpointing(250);
            InfluxSchema schema = new InfluxSchema(InfluxSinkContract.REGISTRY);
            env.fromSource(new DataGeneratorSource<>(i -> new Reading("FE-N01", Quantity.NOISE, 50, BASE + i, "gw"), 3_000,
                            RateLimiterStrategy.perSecond(1_000), TypeInformation.of(Reading.class)),
                            WatermarkStrategy.noWatermarks(), "steady readings")
                    .map(new CountAtCheckpoints(influxd.url()))
                    .sinkTo(InfluxSink.of(InfluxSettings.v1(influxd.url(), DATABASE), schema::reading));
            env.execute("sink checkpoints");
        }
        assertThat(CHECKS).as("checkpoints completed while readings flowed").hasSizeGreaterThanOrEqualTo(4);
        assertThat(CHECKS).allSatisfy(check -> assertThat(check[1])
                .as("stored when the checkpoint completed, of " + check[0] + " given to the sink before its barrier")
                .isGreaterThanOrEqualTo(check[0]));
    }

    /** Passes readings on; counts them at each barrier and checks the store when the checkpoint completes. */
    static final class CountAtCheckpoints implements MapFunction<Reading, Reading>, CheckpointedFunction, CheckpointListener {
        private final String influxUrl;
        private transient long passed;
        private transient java.util.Map<Long, Long> atBarrier;
        private transient HttpClient http;

        CountAtCheckpoints(String influxUrl) {
            this.influxUrl = influxUrl;
        }

        @Override
        public Reading map(Reading reading) {
            passed++;
            return reading;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
            atBarrier = new java.util.HashMap<>();
            http = HttpClient.newHttpClient();
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
            String query = URLEncoder.encode("SELECT count(value) FROM reading WHERE site = 'FE-N01'", StandardCharsets.UTF_8);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(influxUrl + "/query?db=" + DATABASE
                    + "&q=" + query)).build(), HttpResponse.BodyHandlers.ofString());
            long stored = new ObjectMapper().readTree(answer.body()).path("results").path(0).path("series").path(0)
                    .path("values").path(0).path(1).asLong();
            CHECKS.add(new long[] {given, stored});
        }
    }
}
