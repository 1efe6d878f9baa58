package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The v1 write path against a real influxd (the twin of {@link InfluxSinkV2IT}, which needs Docker). */
class InfluxSinkV1IT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = InfluxSinkContract.twoSlots();

    @Test
    void everyPointArrivesOnceEvenWhenReplayed() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start();
                InfluxDBClient reader =
                        InfluxDBClientFactory.createV1(influxd.url(), null, new char[0], "sink_v1", null)) {
            influxd.createDatabase("sink_v1");
            InfluxSinkContract.everyPointArrivesOnceEvenWhenReplayed(
                    InfluxSettings.v1(influxd.url(), "sink_v1"), site -> count(reader, "sink_v1", site));
        }
    }

    @Test
    void writesAreRetriedWithBackoffUntilInfluxDbComesUp() throws Exception {
        int port = LocalProcess.freePort();
        CompletableFuture<LocalInfluxd> late = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LocalInfluxd influxd = LocalInfluxd.start(port);
            influxd.createDatabase("sink_late");
            return influxd;
        });
        InfluxSinkContract.writeOnce(InfluxSettings.v1("http://127.0.0.1:" + port, "sink_late"));
        try (LocalInfluxd influxd = late.get();
                InfluxDBClient reader =
                        InfluxDBClientFactory.createV1(influxd.url(), null, new char[0], "sink_late", null)) {
            assertThat(count(reader, "sink_late", "FE-N01") + count(reader, "sink_late", "TA-N01"))
                    .isEqualTo(InfluxSinkContract.READINGS);
        }
    }

    /**
     * A point the server refuses for good in a batch it otherwise takes: a replayed reading older
     * than the database's retention, which influxd answers with 400 "partial write: points beyond
     * retention policy dropped=1". The rest of the batch is stored and the job goes on; the job
     * failed on it, and restarted on the same batch would fail again, storing nothing more.
     */
    @Test
    void aPointTheServerRefusesForGoodDoesNotStopTheJob() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start();
                InfluxDBClient reader =
                        InfluxDBClientFactory.createV1(influxd.url(), null, new char[0], "sink_partial", null)) {
            influxd.createDatabase("sink_partial");
            influxd.execute("CREATE RETENTION POLICY \"week\" ON \"sink_partial\" DURATION 7d REPLICATION 1 DEFAULT");
            long now = System.currentTimeMillis();
            List<Reading> readings = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                readings.add(new Reading("FE-N01", Quantity.NOISE, 50, now - i * 1000L, "gw"));
            }
            readings.add(50, new Reading("FE-N01", Quantity.NOISE, 50, now - 30L * 86_400_000, "gw"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            InfluxSchema schema = new InfluxSchema(InfluxSinkContract.REGISTRY);
            env.fromData(readings)
                    .sinkTo(InfluxSink.of(InfluxSettings.v1(influxd.url(), "sink_partial"), schema::reading));
            env.execute("a point beyond retention");
            assertThat(count(reader, "sink_partial", "FE-N01")).isEqualTo(100);
        }
    }

    static long count(InfluxDBClient reader, String database, String site) {
        InfluxQLQueryResult result = reader.getInfluxQLQueryApi()
                .queryJSON(new InfluxQLQuery("SELECT count(value) FROM reading WHERE site = '" + site + "'", database));
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series s : r.getSeries()) {
                return Long.parseLong(String.valueOf(s.getValues().get(0).getValueByKey("count"))
                        .replace(".0", ""));
            }
        }
        return 0;
    }
}
