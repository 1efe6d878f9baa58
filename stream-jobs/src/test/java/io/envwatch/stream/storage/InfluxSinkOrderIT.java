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
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A point the job writes again (an alert's update overwrites its point) is stored as its last
 * write, even when the network delays the earlier request: the sink sends a measurement's batches
 * one after the other, so an older update can never land after a newer one. Before, with four
 * requests in flight, a duty alert cleared by the job stayed "open" in InfluxDB when its opening
 * request was the slower one.
 */
class InfluxSinkOrderIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final long AT = 1_763_700_000_000L;

    @Test
    void anUpdateIsNotOvertakenByTheWriteItReplaces() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("order");
            // In front of influxd: the first write request is held for 1.5 s, the others pass at once.
            try (HeldWrites slowFirst = new HeldWrites(influxd.url(), n -> n == 1 ? 1_500 : 0)) {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                env.setParallelism(1);
                // The alert opens, and half a second later (another batch) the job clears it: the same point.
                env.fromSource(
                                new DataGeneratorSource<>(
                                        i -> i == 0 ? "open" : "cleared",
                                        2,
                                        RateLimiterStrategy.perSecond(2),
                                        Types.STRING),
                                WatermarkStrategy.noWatermarks(),
                                "an alert and its update")
                        .sinkTo(InfluxSink.of(
                                InfluxSettings.v1(slowFirst.url(), "order"),
                                state -> "duty_alert,site=FE-N01,kind=noise-laeq-1m state=\"" + state + "\" "
                                        + AT * 1_000_000L));
                env.execute("an update and the write it replaces");
                assertThat(slowFirst.writes())
                        .as("the two writes went in two requests")
                        .isEqualTo(2);
            }
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> stored = client.send(
                    HttpRequest.newBuilder(URI.create(influxd.url() + "/query?db=order&q="
                                    + URLEncoder.encode("SELECT state FROM duty_alert", StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stored.body()).contains("\"cleared\"").doesNotContain("\"open\"");
        }
    }
}
