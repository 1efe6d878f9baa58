package io.envwatch.stream.storage;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.query.FluxTable;
import io.envwatch.district.schema.InfluxSettings;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The production write path: influxdb-client-java's v2 write API against InfluxDB 2.7. Needs
 * Docker and is skipped without it; {@link InfluxSinkV1IT} runs the same contract on a local influxd.
 */
@Testcontainers(disabledWithoutDocker = true)
class InfluxSinkV2IT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = InfluxSinkContract.twoSlots();

    private static final String TOKEN = "envwatch-test-token";

    @Container
    @SuppressWarnings("resource")
    static final InfluxDBContainer<?> INFLUXDB = new InfluxDBContainer<>(DockerImageName.parse("influxdb:2.7"))
            .withOrganization("envwatch")
            .withBucket("envwatch")
            .withUsername("envwatch")
            .withPassword("envwatch-password")
            .withAdminToken(TOKEN);

    @Test
    void everyPointArrivesOnceEvenWhenReplayed() throws Exception {
        try (InfluxDBClient reader =
                InfluxDBClientFactory.create(INFLUXDB.getUrl(), TOKEN.toCharArray(), "envwatch", "envwatch")) {
            InfluxSinkContract.everyPointArrivesOnceEvenWhenReplayed(
                    InfluxSettings.v2(INFLUXDB.getUrl(), "envwatch", "envwatch", TOKEN), site -> count(reader, site));
        }
    }

    private static long count(InfluxDBClient reader, String site) {
        List<FluxTable> tables = reader.getQueryApi()
                .query("from(bucket: \"envwatch\") |> range(start: 0) "
                        + "|> filter(fn: (r) => r._measurement == \"reading\" and r.site == \"" + site
                        + "\" and r._field == \"value\") "
                        + "|> count()");
        return tables.isEmpty()
                ? 0
                : ((Number) tables.get(0).getRecords().get(0).getValue()).longValue();
    }
}
