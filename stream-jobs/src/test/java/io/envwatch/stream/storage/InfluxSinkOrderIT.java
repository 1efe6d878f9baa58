package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
            AtomicInteger writes = new AtomicInteger();
            HttpClient client = HttpClient.newHttpClient();
            HttpServer slowFirst = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            slowFirst.setExecutor(Executors.newFixedThreadPool(4));
            slowFirst.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                try {
                    if (exchange.getRequestURI().getPath().equals("/write") && writes.incrementAndGet() == 1) {
                        Thread.sleep(1_500);
                    }
                    HttpResponse<byte[]> answer = client.send(
                            HttpRequest.newBuilder(URI.create(influxd.url() + exchange.getRequestURI()))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    exchange.sendResponseHeaders(
                            answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(503, -1);
                }
            });
            slowFirst.start();
            try {
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
                                InfluxSettings.v1(
                                        "http://127.0.0.1:"
                                                + slowFirst.getAddress().getPort(),
                                        "order"),
                                state -> "duty_alert,site=FE-N01,kind=noise-laeq-1m state=\"" + state + "\" "
                                        + AT * 1_000_000L));
                env.execute("an update and the write it replaces");
            } finally {
                slowFirst.stop(0);
            }
            HttpResponse<String> stored = client.send(
                    HttpRequest.newBuilder(URI.create(influxd.url() + "/query?db=order&q="
                                    + URLEncoder.encode("SELECT state FROM duty_alert", StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(writes.get()).as("the two writes went in two requests").isEqualTo(2);
            assertThat(stored.body()).contains("\"cleared\"").doesNotContain("\"open\"");
        }
    }
}
