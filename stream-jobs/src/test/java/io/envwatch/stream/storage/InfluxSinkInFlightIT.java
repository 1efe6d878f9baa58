package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The readings' sink has its four requests in flight from its first batches, not after minutes of
 * successes: Flink's async sink otherwise starts its congestion window at one batch and widens it
 * by ten points per answered request, so a job that had just started wrote one batch at a time
 * while influxd's answer to each was the wait (the bare pipeline's p99 of 8.7 s at 125,000
 * readings/s with the machine half idle, BENCHMARKS.md 2026-12-07).
 */
class InfluxSinkInFlightIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final long AT = 1_763_700_000_000L;
    private static final int POINTS = 8 * 5_000;

    @Test
    void theReadingsSinkKeepsFourFullBatchesInFlightFromItsStart() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start();
                // Each write held 400 ms: with one request at a time the eight batches take 3.2 s.
                HeldWrites slow = new HeldWrites(influxd.url(), n -> 400)) {
            writeReadings(influxd, slow);
            assertThat(slow.mostAtOnceFrom(1))
                    .as("write requests in flight at once")
                    .isEqualTo(4);
            assertThat(slow.writes()).as("write requests, each a full batch").isEqualTo(POINTS / 5_000);
        }
    }

    /**
     * After influxd refused writes (each refusal halves the window) the sink is back to four full
     * batches in flight within a few answered requests; at ten points per answer it took two
     * thousand, each a smaller batch than the last refused one.
     */
    @Test
    void afterRefusalsTheSinkIsBackToFourBatchesInFlightWithinAFewAnswers() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start();
                HeldWrites overloaded = new HeldWrites(influxd.url(), n -> 400, n -> n <= 4)) {
            writeReadings(influxd, overloaded);
            assertThat(overloaded.mostAtOnceFrom(5))
                    .as("write requests in flight at once after four refused")
                    .isEqualTo(4);
            assertThat(overloaded.writes())
                    .as("write requests: the four refused and their retries, then full batches")
                    .isLessThanOrEqualTo(4 + 2 * POINTS / 5_000);
        }
    }

    /** Writes {@link #POINTS} readings through the readings' sink via {@code proxy} and checks each is stored. */
    private static void writeReadings(LocalInfluxd influxd, HeldWrites proxy) throws Exception {
        influxd.createDatabase("inflight");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSource(
                        new DataGeneratorSource<>(i -> i, POINTS, Types.LONG),
                        WatermarkStrategy.noWatermarks(),
                        "readings")
                .sinkTo(InfluxSink.unordered(
                        InfluxSettings.v1(proxy.url(), "inflight"),
                        i -> "reading,site=FE-N" + (i % 100) + ",quantity=noise value=" + i + " "
                                + (AT + i / 100) * 1_000_000L));
        env.execute("readings against a slow influxd");
        HttpResponse<String> stored = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(influxd.url() + "/query?db=inflight&q="
                                        + URLEncoder.encode(
                                                "SELECT count(value) FROM reading", StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(stored.body()).contains("," + POINTS + "]");
    }
}
