package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.ingest.simulator.GatewaySimulator;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.stream.storage.PointSinks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scripted night of {@link ScriptedIncidentsIT} with complaints filed into it, through the
 * whole job into a real influxd: each complaint gets the outcome its sensors give it.
 */
class ComplaintCorrelationIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final long BASE = Instant.parse("2026-11-20T14:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final Registry REGISTRY = RegistryLoader.sample();

    @Test
    void corroboratedContradictedAndNotCorroborated() throws Exception {
        List<MqttPayload> messages = new ArrayList<>();
        GatewaySimulator simulator = new GatewaySimulator(
                REGISTRY,
                "tcp://unused:1",
                Integer.MAX_VALUE,
                Duration.ofMinutes(1),
                GatewaySimulator.sampleScenarios(),
                () -> BASE,
                7);
        Map<Integer, List<Complaint>> filed = new TreeMap<>();
        Site fenggangHomes = REGISTRY.site("FE-N91").orElseThrow(); // the bedroom next to the loud factory
        Site changpingHomes = REGISTRY.site("CH-N90").orElseThrow(); // a quiet residential street
        filed.computeIfAbsent(25, m -> new ArrayList<>())
                .add(complaint(
                        "C-noise-factory", "noise", fenggangHomes.lat(), fenggangHomes.lon(), BASE + 10 * MINUTE));
        filed.computeIfAbsent(70, m -> new ArrayList<>())
                .add(complaint(
                        "C-noise-quiet", "noise", changpingHomes.lat(), changpingHomes.lon(), BASE + 60 * MINUTE));
        filed.computeIfAbsent(40, m -> new ArrayList<>())
                .add(complaint("C-odour-nowhere", "odour", 22.7185, 114.0885, BASE + 30 * MINUTE));
        // Two more neighbours of the factory complain about its noise: the third complaint makes a repeat case.
        filed.computeIfAbsent(30, m -> new ArrayList<>())
                .add(complaint(
                        "C-noise-factory-2", "noise", fenggangHomes.lat(), fenggangHomes.lon(), BASE + 15 * MINUTE));
        filed.computeIfAbsent(80, m -> new ArrayList<>())
                .add(complaint(
                        "C-noise-factory-3",
                        "noise",
                        fenggangHomes.lat() + 0.0002,
                        fenggangHomes.lon(),
                        BASE + 50 * MINUTE));
        for (int minute = 0; minute < 120; minute++) {
            long ts = BASE + minute * MINUTE;
            for (String gateway : simulator.gateways()) {
                List<Reading> batch = simulator.batch(gateway, ts);
                messages.add(new MqttPayload(
                        ReadingCodec.topicFor(gateway), ReadingCodec.encode(gateway, batch), ts + 1_000));
            }
            for (Complaint c : filed.getOrDefault(minute, List.of())) {
                messages.add(
                        new MqttPayload(ComplaintCodec.topicFor("duty-service"), ComplaintCodec.encode(c), ts + 2_000));
            }
            // The duty service sends again, after a reconnect, what the broker acknowledged in the last
            // minute: each complaint comes twice, and is taken once.
            for (Complaint c : filed.getOrDefault(minute - 1, List.of())) {
                messages.add(
                        new MqttPayload(ComplaintCodec.topicFor("duty-service"), ComplaintCodec.encode(c), ts + 3_000));
            }
        }
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("complaints");
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            env.setParallelism(1);
            new EnvWatchJob(
                            new DataGeneratorSource<>(
                                    index -> messages.get(index.intValue()),
                                    messages.size(),
                                    RateLimiterStrategy.perSecond(60),
                                    TypeInformation.of(MqttPayload.class)),
                            PointSinks.influx(InfluxSettings.v1(influxd.url(), "complaints")),
                            REGISTRY,
                            new ReadingCodec(REGISTRY))
                    .build(env);
            env.execute("complaints");

            try (EndToEndReads reads = new EndToEndReads(influxd.url(), "complaints")) {
                Map<String, String> outcomes = new TreeMap<>();
                for (Object[] row : reads.query("SELECT id, outcome, reason, evidence FROM complaint")) {
                    outcomes.put((String) row[1], row[2] + ": " + row[3] + " | " + row[4]);
                }
                assertThat(outcomes).hasSize(5);
                assertThat(outcomes.get("C-noise-factory"))
                        .startsWith("corroborated: ")
                        .contains("FE-N01 noise-laeq-1m");
                assertThat(outcomes.get("C-noise-quiet"))
                        .startsWith("contradicted: ")
                        .contains("compliant intervals");
                assertThat(outcomes.get("C-odour-nowhere"))
                        .startsWith("not-corroborated: no odour sensor within 500 m");
                assertThat(reads.count("SELECT count(detail) FROM dead_letter")).isZero();

                // Each placed in its village: the factory's neighbours and the factory in 凤德岭村, the
                // complaint in the middle of nowhere and the Changping homes in none.
                Map<String, String> villages = new TreeMap<>();
                for (Object[] row : reads.query("SELECT id, village FROM complaint")) {
                    villages.put((String) row[1], (String) row[2]);
                }
                assertThat(villages)
                        .containsEntry("C-noise-factory", "FG-FENGDELING")
                        .containsEntry("C-noise-factory-3", "FG-FENGDELING")
                        .containsEntry("C-noise-quiet", "none")
                        .containsEntry("C-odour-nowhere", "none");
                assertThat(reads.query("SELECT peak, village FROM incident WHERE site = 'FE-N01'"))
                        .allSatisfy(row -> assertThat(row[2]).isEqualTo("FG-FENGDELING"));

                // The factory's incident had ended (+31 min) before any complaint's window closed (+40 min
                // and later): the late complaints still join it, and its alert is upgraded.
                Object[] incident = reads.query("SELECT id, state, complaints, severity FROM incident "
                                + "WHERE rule = 'noise-laeq-1m' AND site = 'FE-N01'")
                        .get(0);
                assertThat(incident[2]).isEqualTo("closed");
                assertThat(incident[3]).isEqualTo("C-noise-factory,C-noise-factory-2,C-noise-factory-3");
                assertThat(incident[4]).isEqualTo("CRITICAL");
                assertThat(reads.query(
                                        "SELECT complaints FROM duty_alert WHERE site = 'FE-N01' AND kind = 'noise-laeq-1m'")
                                .get(0)[1])
                        .asString()
                        .startsWith("C-noise-factory");

                // The third complaint about the same building within 30 days is a repeat case.
                List<Object[]> cases = reads.query(
                        "SELECT id, state, \"count\", corroborated, complaints, incidents FROM repeat_case");
                assertThat(cases).singleElement().satisfies(c -> {
                    assertThat(c[1]).isEqualTo("B-FE-01:noise:" + (BASE + 10 * MINUTE));
                    assertThat(c[2]).isEqualTo("open");
                    assertThat(Double.parseDouble(c[3].toString())).isEqualTo(3);
                    assertThat(Double.parseDouble(c[4].toString()))
                            .isEqualTo(3); // all three within reach of the loud minutes
                    assertThat((String) c[5]).contains("C-noise-factory", "C-noise-factory-2", "C-noise-factory-3");
                    assertThat(c[6]).isEqualTo("FE-N01|noise-laeq-1m");
                });
            }
        }
    }

    static Complaint complaint(String id, String category, double lat, double lon, long observedAt) {
        Complaint c = new Complaint();
        c.id = id;
        c.category = category;
        c.lat = lat;
        c.lon = lon;
        c.observedAt = observedAt;
        c.receivedAt = observedAt + 15 * MINUTE;
        c.channel = "hotline";
        c.town = "fenggang";
        c.description = "scripted";
        return c;
    }
}
