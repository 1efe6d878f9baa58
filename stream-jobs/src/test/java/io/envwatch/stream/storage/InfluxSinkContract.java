package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * What the InfluxDB sink promises whatever the API version: every point arrives, and writing the
 * same records again (a replay after a failure) leaves exactly one point each.
 */
final class InfluxSinkContract {
    static final Registry REGISTRY = RegistryLoader.sample();
    static final int READINGS = 12_000;

    private InfluxSinkContract() {}

    /** Two writers in parallel, as on a real cluster. */
    static MiniClusterExtension twoSlots() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }

    static List<Reading> readings() {
        long base = 1_763_700_000_000L;
        List<Reading> readings = new ArrayList<>(READINGS);
        for (int i = 0; i < READINGS; i++) {
            readings.add(
                    new Reading(i % 2 == 0 ? "FE-N01" : "TA-N01", Quantity.NOISE, 40 + i % 30, base + i / 2, "gw"));
        }
        return readings;
    }

    static void writeOnce(InfluxSettings config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        InfluxSchema schema = new InfluxSchema(REGISTRY);
        env.fromData(readings()).sinkTo(InfluxSink.of(config, schema::reading));
        env.execute("influx sink contract");
    }

    /** Writes everything twice and checks the count after each run with the given InfluxDB count. */
    static void everyPointArrivesOnceEvenWhenReplayed(InfluxSettings config, ToLongFunction<String> countOfSite)
            throws Exception {
        writeOnce(config);
        assertThat(countOfSite.applyAsLong("FE-N01") + countOfSite.applyAsLong("TA-N01"))
                .isEqualTo(READINGS);
        writeOnce(config);
        assertThat(countOfSite.applyAsLong("FE-N01")).isEqualTo(READINGS / 2);
        assertThat(countOfSite.applyAsLong("TA-N01")).isEqualTo(READINGS / 2);
    }
}
