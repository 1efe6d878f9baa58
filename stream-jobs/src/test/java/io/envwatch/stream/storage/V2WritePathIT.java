package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.complaints.ComplaintCodec;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.Measurement;
import io.envwatch.district.schema.Schema;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.ingest.simulator.GatewaySimulator;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalVictoriaMetrics;
import io.envwatch.stream.EnvWatchJob;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's v2 write path writes what its v1 path writes, every measurement of the schema, to a
 * real server. One scripted evening (noise, odour and river scenarios, complaints, a bad message,
 * a late reading) goes through the job twice: into influxd over v1, and over v2 into a private
 * VictoriaMetrics. Each run's accepted write bodies are recorded on the way ({@link RecordingProxy}).
 *
 * <ul>
 *   <li>the two runs sent the same lines, byte for byte (as multisets: batches and order differ);
 *   <li>every point the v1 run sent is in influxd, with each field's value one the wire carried for
 *       it (a rewritten point, such as an alert's update, may be stored with any of its writes:
 *       the sink has several batches in flight);
 *   <li>every number field the v2 run sent is in VictoriaMetrics as {@code {measurement}_{field}}
 *       with the tags as labels, at the same millisecond, with a value the wire carried (to the 12
 *       significant digits it keeps), and VictoriaMetrics holds nothing else. It keeps no strings (it stores zeros): string fields
 *       are proven by the first point, on the wire.
 * </ul>
 */
class V2WritePathIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = InfluxSinkContract.twoSlots();

    private static final Registry REGISTRY = RegistryLoader.sample();
    /** 22:00 in Dongguan: a night and its morning. */
    private static final long BASE = Instant.parse("2026-11-20T14:00:00Z").toEpochMilli();

    private static final long MINUTE = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theV2PathWritesWhatTheV1PathWritesForEveryMeasurement() throws Exception {
        List<MqttPayload> evening = evening();
        List<WirePoint> v1;
        List<WirePoint> v2;
        try (LocalInfluxd influxd = LocalInfluxd.start();
                RecordingProxy toInfluxd = new RecordingProxy(influxd.url())) {
            influxd.createDatabase("v1");
            run(evening, InfluxSettings.v1(toInfluxd.url(), "v1"));
            v1 = toInfluxd.acceptedLines().stream().map(WirePoint::parse).toList();
            List<String> linesV1 = new ArrayList<>(toInfluxd.acceptedLines());

            try (LocalVictoriaMetrics victoria = LocalVictoriaMetrics.start();
                    RecordingProxy toVictoria = new RecordingProxy(victoria.url())) {
                run(evening, InfluxSettings.v2(toVictoria.url(), "envwatch", "envwatch", "envwatch-test-token"));
                List<String> linesV2 = new ArrayList<>(toVictoria.acceptedLines());
                v2 = linesV2.stream().map(WirePoint::parse).toList();

                Set<String> jobMeasurements = Schema.MEASUREMENTS.stream()
                        .filter(m -> m.writer() == Measurement.Writer.JOB)
                        .map(Measurement::name)
                        .collect(Collectors.toCollection(TreeSet::new));
                System.out.println("V2 WRITE PATH: " + linesV2.size() + " lines; by measurement "
                        + v2.stream()
                                .collect(Collectors.groupingBy(
                                        WirePoint::measurement, TreeMap::new, Collectors.counting())));
                assertThat(v2.stream().map(WirePoint::measurement).collect(Collectors.toSet()))
                        .as("measurements the scripted evening makes the job write")
                        .containsAll(jobMeasurements);

                linesV1.sort(null);
                linesV2.sort(null);
                assertThat(linesV2)
                        .as("the v2 run's lines against the v1 run's")
                        .isEqualTo(linesV1);

                assertThat(differencesFromInfluxd(influxd, "v1", v1))
                        .as("influxd against the v1 wire")
                        .isEmpty();
                assertThat(differencesFromVictoria(victoria, jobMeasurements, v2))
                        .as("VictoriaMetrics against the v2 wire")
                        .isEmpty();
            }
        }
    }

    private static void run(List<MqttPayload> messages, InfluxSettings target) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new EnvWatchJob(
                        new DataGeneratorSource<>(
                                index -> messages.get(index.intValue()),
                                messages.size(),
                                RateLimiterStrategy.perSecond(400),
                                TypeInformation.of(MqttPayload.class)),
                        PointSinks.influx(target),
                        REGISTRY,
                        new ReadingCodec(REGISTRY))
                .build(env);
        env.execute("v2 write path");
    }

    /**
     * Nine hours of the sample district from 22:00 (the Tangxia discharge reaches the assessment
     * section at Qiling about 7.5 h later: an attribution), its scenarios, complaints, a bad message
     * and a late reading.
     */
    private static List<MqttPayload> evening() {
        GatewaySimulator simulator = new GatewaySimulator(
                REGISTRY,
                "tcp://unused:1",
                Integer.MAX_VALUE,
                Duration.ofMinutes(1),
                GatewaySimulator.sampleScenarios(),
                () -> BASE,
                7);
        Site homes = REGISTRY.site("FE-N91").orElseThrow();
        List<MqttPayload> messages = new ArrayList<>();
        for (int minute = 0; minute < 540; minute++) {
            long ts = BASE + minute * MINUTE;
            for (String gateway : simulator.gateways()) {
                List<Reading> batch = simulator.batch(gateway, ts);
                messages.add(new MqttPayload(
                        ReadingCodec.topicFor(gateway), ReadingCodec.encode(gateway, batch), ts + 1_000));
            }
            if (minute == 20 || minute == 25 || minute == 30) {
                Complaint c = new Complaint();
                c.id = "C-v2-" + minute;
                c.category = "noise";
                c.lat = homes.lat();
                c.lon = homes.lon();
                c.observedAt = ts - 5 * MINUTE;
                c.receivedAt = ts;
                c.channel = "hotline";
                c.town = homes.town();
                c.description = "scripted \"loud\", at night";
                messages.add(
                        new MqttPayload(ComplaintCodec.topicFor("duty-service"), ComplaintCodec.encode(c), ts + 2_000));
            }
            if (minute == 100) {
                messages.add(new MqttPayload(
                        ReadingCodec.topicFor("gw-fenggang-01"),
                        "{\"readings\":[{\"sensor\":\"FE-N01\",\"ts\":1,".getBytes(StandardCharsets.UTF_8),
                        ts + 3_000));
                // A reading an hour late: its intervals have closed (well behind event time even where
                // the source's periodic watermark lags the fast replay by minutes).
                messages.add(new MqttPayload(
                        ReadingCodec.topicFor("gw-fenggang-01"),
                        ReadingCodec.encode(
                                "gw-fenggang-01",
                                List.of(new Reading(
                                        "FE-N01", Quantity.NOISE, 48.5, ts - 60 * MINUTE + 500, "gw-fenggang-01"))),
                        ts + 3_000));
            }
        }
        return messages;
    }

    /** What influxd holds that no v1 write carried, and what it lacks. */
    private static List<String> differencesFromInfluxd(LocalInfluxd influxd, String database, List<WirePoint> wire)
            throws Exception {
        Map<String, Map<String, Set<String>>> written = new HashMap<>();
        Map<String, WirePoint> anyOf = new HashMap<>();
        for (WirePoint p : wire) {
            anyOf.putIfAbsent(p.key(), p);
            p.fields()
                    .forEach((field, value) -> written.computeIfAbsent(p.key(), k -> new HashMap<>())
                            .computeIfAbsent(field, f -> new HashSet<>())
                            .add(p.texts().contains(field) ? value : normal(WirePoint.number(value))));
        }
        List<String> differences = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String measurement :
                wire.stream().map(WirePoint::measurement).collect(Collectors.toCollection(TreeSet::new))) {
            Measurement schema = Schema.measurement(measurement).orElseThrow();
            Set<String> tagNames = schema.columns().stream()
                    .filter(c -> c.isTag())
                    .map(c -> c.name())
                    .collect(Collectors.toSet());
            for (JsonNode row : rows(influxd, database, "SELECT * FROM " + schema.quoted())) {
                TreeMap<String, String> tags = new TreeMap<>();
                Map<String, String> fields = new TreeMap<>();
                long millis = row.get("time").asLong();
                row.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("time") || e.getValue().isNull()) {
                        return;
                    }
                    if (tagNames.contains(e.getKey())) {
                        if (!e.getValue().asText().isEmpty()) {
                            tags.put(e.getKey(), e.getValue().asText());
                        }
                    } else {
                        fields.put(
                                e.getKey(),
                                e.getValue().isTextual()
                                        ? e.getValue().asText()
                                        : normal(
                                                e.getValue().isBoolean()
                                                        ? (e.getValue().asBoolean() ? 1.0 : 0.0)
                                                        : e.getValue().asDouble()));
                    }
                });
                String key = measurement + tags + "@" + millis;
                seen.add(key);
                Map<String, Set<String>> expected = written.get(key);
                if (expected == null) {
                    differences.add("in influxd, never written: " + key + " " + fields);
                    continue;
                }
                fields.forEach((field, value) -> {
                    if (!expected.getOrDefault(field, Set.of()).contains(value)) {
                        differences.add(
                                "in influxd " + key + " " + field + "=" + value + ", written " + expected.get(field));
                    }
                });
                expected.keySet().stream()
                        .filter(f -> !fields.containsKey(f))
                        .forEach(f -> differences.add("written and not in influxd: " + key + " " + f));
            }
        }
        anyOf.keySet().stream()
                .filter(k -> !seen.contains(k))
                .limit(20)
                .forEach(k -> differences.add("written, no point in influxd: " + k));
        return differences.stream().limit(40).toList();
    }

    /** What VictoriaMetrics holds that no v2 write carried, and the number fields it lacks. */
    private static List<String> differencesFromVictoria(
            LocalVictoriaMetrics victoria, Set<String> measurements, List<WirePoint> wire) throws Exception {
        Map<String, Set<String>> written = new HashMap<>();
        for (WirePoint p : wire) {
            p.fields()
                    .forEach((field, value) -> written.computeIfAbsent(
                                    p.measurement() + "_" + field + p.tags() + "@" + p.millis(), k -> new HashSet<>())
                            .add(p.texts().contains(field) ? normal(0.0) : normal(WirePoint.number(value))));
        }
        List<String> differences = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String measurement : measurements) {
            for (String line : victoria.export("{__name__=~\"" + measurement + "_.+\"}")) {
                JsonNode series = JSON.readTree(line);
                TreeMap<String, String> labels = new TreeMap<>();
                series.get("metric")
                        .fields()
                        .forEachRemaining(
                                e -> labels.put(e.getKey(), e.getValue().asText()));
                String name = labels.remove("__name__");
                for (int i = 0; i < series.get("timestamps").size(); i++) {
                    String key = name + labels + "@"
                            + series.get("timestamps").get(i).asLong();
                    double value = series.get("values").get(i).asDouble();
                    seen.add(key);
                    Set<String> expected = written.get(key);
                    if (expected == null) {
                        differences.add("in VictoriaMetrics, never written: " + key + "=" + value);
                    } else if (expected.stream().noneMatch(w -> sameAsStored(Double.parseDouble(w), value))) {
                        differences.add("in VictoriaMetrics " + key + "=" + value + ", written " + expected);
                    }
                }
            }
        }
        written.keySet().stream()
                .filter(k -> !seen.contains(k))
                .limit(20)
                .forEach(k -> differences.add("written, not in VictoriaMetrics: " + k));
        return differences.stream().limit(40).toList();
    }

    /**
     * VictoriaMetrics stores a value as a decimal of at most 12 significant digits (6.117839999999999
     * comes back as 6.11784): a number matches within that, where influxd gives back the double.
     */
    private static boolean sameAsStored(double written, double stored) {
        return Math.abs(written - stored) <= 1e-11 * Math.max(1, Math.abs(written));
    }

    /** A number as both servers give it back: a double, printed one way. */
    private static String normal(double value) {
        return Double.toString(value);
    }

    /** Rows of an InfluxQL query as column to value, times in epoch milliseconds. */
    private static List<JsonNode> rows(LocalInfluxd influxd, String database, String influxQl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(influxd.url() + "/query?epoch=ms&db=" + database + "&q="
                                        + URLEncoder.encode(influxQl, StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode result : JSON.readTree(response.body()).path("results")) {
            for (JsonNode series : result.path("series")) {
                for (JsonNode values : series.path("values")) {
                    var row = JSON.createObjectNode();
                    for (int i = 0; i < values.size(); i++) {
                        row.set(series.path("columns").get(i).asText(), values.get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
