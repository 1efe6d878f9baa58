package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalVictoriaMetrics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production write path (influxdb-client-java's v2 write API, {@code /api/v2/write} with org,
 * bucket and token) against a real server that installs here: a private VictoriaMetrics. The twin
 * of {@link InfluxSinkV2IT}, which needs Docker for InfluxDB 2.7; VictoriaMetrics stands in for the
 * write API only (docs/configuration.md, "Which server proves what").
 */
class InfluxSinkV2WritePathIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = InfluxSinkContract.twoSlots();

    private static InfluxSettings v2(LocalVictoriaMetrics server) {
        return InfluxSettings.v2(server.url(), "envwatch", "envwatch", "envwatch-test-token");
    }

    /** Points of the site's readings stored, one per millisecond at most (the server keeps one). */
    static long count(LocalVictoriaMetrics server, String site) {
        return server.export("{__name__=\"reading_value\",site=\"" + site + "\"}").stream()
                .mapToLong(series -> series.split("\"timestamps\":\\[")[1].split(",").length)
                .sum();
    }

    @Test
    void everyPointArrivesOnceEvenWhenReplayed() throws Exception {
        try (LocalVictoriaMetrics server = LocalVictoriaMetrics.start()) {
            InfluxSinkContract.everyPointArrivesOnceEvenWhenReplayed(v2(server), site -> count(server, site));
        }
    }

    @Test
    void writesAreRetriedWithBackoffWhileTheServerIsDownAndNothingIsLost() throws Exception {
        try (LocalVictoriaMetrics server = LocalVictoriaMetrics.start()) {
            server.stop(false);
            CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                server.startAgain();
            });
            InfluxSinkContract.writeOnce(v2(server));
            back.get();
            assertThat(count(server, "FE-N01") + count(server, "TA-N01")).isEqualTo(InfluxSinkContract.READINGS);
        }
    }

    @Test
    void aRefusedTokenFailsTheJobOnceNamingTheSettingToCheck() throws Exception {
        // HTTP Basic authentication on: the client's token is refused with 401 on every write.
        try (LocalVictoriaMetrics server =
                LocalVictoriaMetrics.start(List.of("-httpAuth.username=envwatch", "-httpAuth.password=other-secret"))) {
            long started = System.nanoTime();
            // The failure crosses from the task to the client serialised: found by its message.
            assertThatThrownBy(() -> InfluxSinkContract.writeOnce(v2(server)))
                    .satisfies(e -> assertThat(ExceptionUtils.findThrowableWithMessage(e, "ENVWATCH_INFLUX_TOKEN"))
                            .hasValueSatisfying(w -> assertThat(w.getMessage()).contains("(401)")));
            // Not retried with backoff: the job fails at the first refusal.
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                    .isLessThan(20);
        }
    }

    @Test
    void anEmptyWriteSucceedsAndABatchAtTheRecordLimitIsStored() throws Exception {
        try (LocalVictoriaMetrics server = LocalVictoriaMetrics.start();
                LineWriter writer = LineWriter.create(v2(server))) {
            writer.write(List.of()).get(10, TimeUnit.SECONDS);
            // One point of exactly the sink's record limit: a long string field and a number to read back.
            String head = "dead_letter,reason=RECORD_TOO_LARGE index=-1i,raw=\"";
            String tail = "\" 1763700000000000000";
            String line = head + "x".repeat(InfluxSink.MAX_RECORD_BYTES - head.length() - tail.length()) + tail;
            assertThat(line.length()).isEqualTo(InfluxSink.MAX_RECORD_BYTES);
            writer.write(List.of(line, "reading,site=FE-N01,quantity=noise value=50.5 1763700000001000000"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(server.export("{__name__=\"dead_letter_index\"}"))
                    .singleElement()
                    .asString()
                    .contains("\"values\":[-1]", "\"timestamps\":[1763700000000]");
            assertThat(server.export("{__name__=\"reading_value\"}"))
                    .singleElement()
                    .asString()
                    .contains("[50.5]");
        }
    }
}
