package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.ingest.simulator.GatewaySimulator;
import io.envwatch.ingest.simulator.Scenario;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.stream.storage.PointSinks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * November at the Shima River, a sample every 4 h at every station, and from day 8 a plant at
 * Tangxia discharging phosphorus until the month's end. The job must trace the rise at Qiling back
 * to Tangxia first, and warn that the month's budget is going before Qiling's monthly mean fails.
 */
class RiverMonthIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    /** 1 November 2026, 00:00 in Dongguan. */
    private static final long NOV1 = Instant.parse("2026-10-31T16:00:00Z").toEpochMilli();

    private static final long HOUR = 3_600_000L;

    @Test
    void theDischargeIsTracedUpstreamAndTheBudgetAlertComesBeforeTheMonthFails() throws Exception {
        Registry registry = RegistryLoader.sample();
        Scenario discharge = new Scenario(
                "plating rinse water into the Shima",
                "W-TANGXIA",
                Quantity.TP,
                Duration.ofDays(8),
                Duration.ofDays(30),
                0.9);
        GatewaySimulator river = new GatewaySimulator(
                registry, "tcp://unused:1", Integer.MAX_VALUE, Duration.ofHours(4), List.of(discharge), () -> NOV1, 3);
        List<MqttPayload> messages = new ArrayList<>();
        for (long t = NOV1; t < NOV1 + 30 * 24 * HOUR; t += 4 * HOUR) {
            messages.add(new MqttPayload(
                    ReadingCodec.topicFor("gw-river-01"),
                    ReadingCodec.encode("gw-river-01", river.batch("gw-river-01", t)),
                    t + 1_000));
        }
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("river");
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(1);
            new EnvWatchJob(
                            new DataGeneratorSource<>(
                                    index -> messages.get(index.intValue()),
                                    messages.size(),
                                    RateLimiterStrategy.perSecond(60),
                                    TypeInformation.of(MqttPayload.class)),
                            PointSinks.influx(InfluxSettings.v1(influxd.url(), "river")),
                            registry,
                            new ReadingCodec(registry))
                    .build(env);
            env.execute("river month");

            try (EndToEndReads reads = new EndToEndReads(influxd.url(), "river")) {
                // Traced back: the first attribution at Qiling names Tangxia and its plants.
                Object[] first = reads.query(
                                "SELECT leading, suspects, rise FROM tp_attribution WHERE section = 'ST-QILING' "
                                        + "ORDER BY time ASC LIMIT 1")
                        .get(0);
                assertThat(first[1]).isEqualTo("ST-TANGXIA");
                assertThat((String) first[2]).contains("林村表面处理厂");
                long tracedAt = epochMillis(first[0]);
                assertThat(tracedAt).isBetween(NOV1 + 8 * 24 * HOUR, NOV1 + 9 * 24 * HOUR);

                // Warned before failing: the budget incident opens before Qiling's month-to-date mean passes 0.3.
                Object[] budget = reads.query(
                                "SELECT id, state FROM incident WHERE rule = 'tp-budget' AND site = 'W-QILING'")
                        .get(0);
                long warnedAt = epochMillis(budget[0]);
                List<Object[]> failing = reads.query("SELECT mean FROM tp_month WHERE site = 'W-QILING' AND mean > 0.3 "
                        + "ORDER BY time ASC LIMIT 1");
                assertThat(failing).as("the month does fail in the end").isNotEmpty();
                long failedAt = epochMillis(failing.get(0)[0]);
                assertThat(warnedAt).isLessThan(failedAt);
                assertThat(failedAt - warnedAt).as("days of warning").isGreaterThan(3 * 24 * HOUR);

                // The month closes at local midnight with its final status: failed, with enough samples.
                Object[] closed = reads.query("SELECT mean, class, budget_state, insufficient, samples FROM tp_month "
                                + "WHERE site = 'W-QILING' AND closed = true")
                        .get(0);
                assertThat(Double.parseDouble(closed[1].toString())).isGreaterThan(0.3);
                assertThat(closed[2]).isEqualTo("V");
                assertThat(closed[3]).isEqualTo("final");
                assertThat(closed[4].toString()).isEqualTo("false");
                assertThat(Double.parseDouble(closed[5].toString())).isEqualTo(180);
                assertThat(reads.count("SELECT count(mean) FROM tp_day WHERE site = 'W-QILING'"))
                        .isEqualTo(30);
            }
        }
    }

    private static long epochMillis(Object influxTime) {
        return Instant.parse(influxTime.toString()).toEpochMilli();
    }
}
