package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.stream.storage.PointSinks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An odour site exceeds from 18:00 to 19:00 local; a neighbour 300 m away smelled it at 18:40.
 * Whether the complaint reaches the job at 18:45 (the site's readings at 18:45), late that
 * evening (readings at 22:30) or the next morning by hotline (readings at 09:00), its outcome,
 * its evidence and the incident it joins are the same, through the whole job into a real influxd.
 */
class LateComplaintIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long MINUTE = 60_000;
    /** 17:00 local (UTC+8) on 20 November. */
    private static final long FIVE_PM = Instant.parse("2026-11-20T09:00:00Z").toEpochMilli();

    private static final long OBSERVED = FIVE_PM + 100 * MINUTE; // 18:40

    @ParameterizedTest(name = "filed when the readings reached +{0} min")
    @CsvSource({"105", "330", "960"})
    void theOutcomeAndTheIncidentDoNotDependOnWhenTheComplaintIsFiled(int filedAtMinute) throws Exception {
        Site site = REGISTRY.site("FE-O01").orElseThrow();
        List<MqttPayload> messages = new ArrayList<>();
        int lastMinute = filedAtMinute + 60;
        for (int minute = 0; minute <= lastMinute; minute++) {
            long ts = FIVE_PM + minute * MINUTE;
            double h2s = minute >= 60 && minute < 120 ? 0.12 : 0.02; // limit 0.10 mg/m3 for class 2-existing
            String batch = "{\"readings\":[{\"sensor\":\"FE-O01\",\"ts\":" + ts + ",\"quantity\":\"h2s\",\"value\":"
                    + h2s + ",\"unit\":\"mg/m3\"}]}";
            messages.add(new MqttPayload(
                    ReadingCodec.topicFor("gw-fenggang-01"), batch.getBytes(StandardCharsets.UTF_8), ts));
            if (minute == filedAtMinute) {
                Complaint c =
                        ComplaintCorrelationIT.complaint("C-late", "odour", site.lat() + 0.0027, site.lon(), OBSERVED);
                messages.add(new MqttPayload(ComplaintCodec.topicFor("duty-service"), ComplaintCodec.encode(c), ts));
            }
        }
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("late");
            StreamExecutionEnvironment env = EndToEnd.kryoFree(StreamExecutionEnvironment.getExecutionEnvironment());
            // One reader, so that "filed when the readings reached" means what it says.
            env.setParallelism(1);
            new EnvWatchJob(
                            new DataGeneratorSource<>(
                                    index -> messages.get(index.intValue()),
                                    messages.size(),
                                    TypeInformation.of(MqttPayload.class)),
                            PointSinks.influx(InfluxSettings.v1(influxd.url(), "late")),
                            REGISTRY,
                            new ReadingCodec(REGISTRY))
                    .build(env);
            env.execute("late complaint");

            try (EndToEndReads reads = new EndToEndReads(influxd.url(), "late")) {
                List<Object[]> complaint =
                        reads.query("SELECT outcome, reason, evidence FROM complaint WHERE id = 'C-late'");
                assertThat(complaint).singleElement().satisfies(row -> {
                    assertThat(row[1]).isEqualTo("corroborated");
                    assertThat(row[2]).isEqualTo("1 of 1 sensors in range exceeded their limit");
                    assertThat(row[3]).isEqualTo("FE-O01 odour-h2s 0.120 mg/m3 / 0.100 mg/m3 @300 m");
                });
                List<Object[]> incident = reads.query(
                        "SELECT id, state, complaints FROM incident " + "WHERE site = 'FE-O01' AND rule = 'odour-h2s'");
                assertThat(incident).singleElement().satisfies(row -> {
                    assertThat(row[1]).isEqualTo("FE-O01:odour-h2s:" + (FIVE_PM + 60 * MINUTE));
                    assertThat(row[2]).isEqualTo("closed");
                    assertThat(row[3]).isEqualTo("C-late");
                });
                assertThat(reads.query("SELECT complaints FROM duty_alert WHERE site = 'FE-O01'"))
                        .singleElement()
                        .satisfies(row -> assertThat(row[1]).isEqualTo("C-late"));
            }
        }
    }
}
