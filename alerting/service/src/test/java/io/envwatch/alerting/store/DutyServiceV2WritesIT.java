package io.envwatch.alerting.store;

import static io.envwatch.alerting.DutyServices.DUTY_LEADER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutySettings;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.Measurement;
import io.envwatch.district.schema.Schema;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import io.envwatch.local.LocalVictoriaMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The duty service in v2 mode ({@code /api/v2/write} with org, bucket and token), its writes going
 * to a real server that takes that API: a private VictoriaMetrics. VictoriaMetrics answers no
 * InfluxQL, and the service reads what it wrote (at start, and the boards), so in front of the two
 * servers stands what InfluxDB 2.x is to the service: each v2 write goes to VictoriaMetrics and,
 * as the same bytes, to influxd (2.x's DBRP mapping makes a bucket readable as a database), and
 * the InfluxQL reads go to influxd. The service is driven to write every measurement it owns (an
 * alert opened, delivered to a webhook and acknowledged, a case, a tip, a complaint's claim code, a
 * campaign, a month's ratings, a month's supervision check, a reception day, a patrol round and a finding, the boards), and every write it made in v2 mode must be in
 * VictoriaMetrics, number for number, and accepted by influxd too.
 */
class DutyServiceV2WritesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDutyServiceWritesItsPointsThroughTheV2Api() throws Exception {
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/team", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        DutySettings settings = DutySettingsLoader.parse(
                "test",
                DutySettingsLoader.sampleText()
                        // One round a day, started a minute ago, so that the patrol below completes it.
                        .replace(
                                "rounds: [\"08:30\", \"20:30\"]",
                                "rounds: [\""
                                        + java.time.LocalTime.now(java.time.ZoneId.of("Asia/Shanghai"))
                                                .minusMinutes(1)
                                                .withSecond(0)
                                                .withNano(0)
                                        + "\"]")
                        .replace("channels: []", """
                channels:
                  - id: fenggang-webhook
                    type: webhook
                    audience: team:team-fenggang
                    url: http://127.0.0.1:%d/team
                    secret: fenggang-webhook-secret-0001
                """.formatted(
                                        webhook.getAddress().getPort())),
                RegistryLoader.sample(),
                name -> null);
        try (LocalInfluxd influxd = LocalInfluxd.start();
                LocalVictoriaMetrics victoria = LocalVictoriaMetrics.start();
                LocalMosquitto broker = LocalMosquitto.start();
                ComplaintPublisher complaints = ComplaintPublisher.connect(broker.url(), "duty-service", null, null);
                TwoServers stack = new TwoServers(influxd.url(), victoria.url())) {
            influxd.createDatabase("duty");
            long opened = Instant.now().minusSeconds(180).toEpochMilli();
            JobIncidents.write(
                    influxd,
                    "duty",
                    JobIncidents.line(
                            "FE-N01", "fenggang", "team-fenggang", "noise-laeq-1m", true, 71.2, "HIGH", opened, ""));
            InfluxSettings v2 = InfluxSettings.v2(stack.url(), "envwatch", "duty", "envwatch-test-token");
            try (DutyService duty = DutyService.builder(RegistryLoader.sample(), v2)
                    .settings(settings)
                    .complaints(complaints)
                    .port(0)
                    .start()) {
                Api api = new Api(duty);
                duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
                String id = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);
                assertThat(api.post("/api/v1/alerts/" + id + "/ack", FENGGANG_SQUAD, "{\"note\":\"on it\"}")
                                .statusCode())
                        .isEqualTo(200);
                HttpResponse<String> opening = api.post(
                        "/api/v1/cases",
                        FENGGANG_SQUAD,
                        "{\"town\":\"fenggang\","
                                + "\"source\":\"FE-N01\",\"cause\":\"night grinding\",\"households\":20,\"unit\":\"Fenggang Metalworks\","
                                + "\"homes\":[\"B-FE-01\"]}");
                assertThat(opening.statusCode()).as(opening.body()).isEqualTo(201);
                HttpResponse<String> tip = api.post(
                        "/api/v1/tips",
                        null,
                        "{\"class\":\"hidden-discharge-pipe\",\"town\":\"fenggang\",\"text\":\"a pipe behind the dye works\"}");
                assertThat(tip.statusCode()).as(tip.body()).isEqualTo(201);
                HttpResponse<String> complaint = api.post(
                        "/api/v1/complaints",
                        null,
                        "{\"category\":\"odour\",\"observedAt\":\""
                                + OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(5)
                                + "\",\"description\":\"a sour smell\","
                                + "\"location\":{\"lat\":22.8093,\"lon\":114.0941}}");
                assertThat(complaint.statusCode()).as(complaint.body()).isEqualTo(202);
                HttpResponse<String> campaign = api.post(
                        "/api/v1/campaigns",
                        DUTY_LEADER,
                        "{\"name\":\"Quiet nights\","
                                + "\"towns\":[\"fenggang\"],\"categories\":[\"noise\"],\"from\":\"2026-11-01\",\"until\":\"2026-11-30\","
                                + "\"baselineFrom\":\"2025-11-01\",\"baselineUntil\":\"2025-11-30\",\"targets\":{\"complaints\":-30,\"escalated\":-25},"
                                + "\"tipMultiplier\":2}");
                assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
                String campaignId = JSON.readTree(campaign.body()).get("id").asText();
                // Reading its progress writes the progress for the boards.
                assertThat(api.get("/api/v1/campaigns/" + campaignId, DUTY_LEADER)
                                .statusCode())
                        .isEqualTo(200);
                assertThat(api.post("/api/v1/ratings/compute?month=2026-10", DUTY_LEADER, "")
                                .statusCode())
                        .isEqualTo(200);
                // The month just ended checked for special supervision, and last month's reception day recorded.
                duty.pollCasesNow().get(20, TimeUnit.SECONDS);
                String receptionDay = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"))
                        .minusMonths(1)
                        .atDay(15)
                        .toString();
                assertThat(api.post(
                                        "/api/v1/reception/fenggang/" + receptionDay + "/held",
                                        DUTY_LEADER,
                                        "{\"visitors\":4}")
                                .statusCode())
                        .isEqualTo(201);
                // A grid officer walks the round and files a finding; the round is judged done.
                for (String point : List.of(
                        "\"point\":\"gate\",\"lat\":22.7325,\"lon\":114.1255",
                        "\"point\":\"metalworks\",\"lat\":22.7320,\"lon\":114.1246")) {
                    HttpResponse<String> checkIn = api.post(
                            "/api/v1/patrols/check-ins",
                            "fengdeling-grid-demo-token",
                            "{\"grid\":\"FG-FENGDELING-1\"," + point + ",\"accuracy\":10,\"clientTime\":"
                                    + System.currentTimeMillis() + "}");
                    assertThat(checkIn.statusCode()).as(checkIn.body()).isEqualTo(201);
                }
                HttpResponse<String> finding = api.post(
                        "/api/v1/patrols/findings",
                        "fengdeling-grid-demo-token",
                        "{\"grid\":\"FG-FENGDELING-1\",\"category\":\"odour\",\"text\":\"a sour smell at the gate\","
                                + "\"lat\":22.7325,\"lon\":114.1255,\"accuracy\":10,\"clientTime\":"
                                + System.currentTimeMillis() + "}");
                assertThat(finding.statusCode()).as(finding.body()).isEqualTo(201);
                duty.judgePatrolsNow().get(10, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (stack.writtenLines().stream().noneMatch(l -> l.startsWith("alert_delivery"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                webhook.stop(0);
            }

            List<String> lines = stack.writtenLines();
            Set<String> measurements = new TreeSet<>();
            for (String line : lines) {
                measurements.add(line.substring(0, indexOfUnescaped(line)));
            }
            System.out.println("DUTY V2 WRITES: " + lines.size() + " lines, measurements " + measurements);
            assertThat(measurements)
                    .allSatisfy(m -> assertThat(Schema.measurement(m))
                            .hasValueSatisfying(
                                    s -> assertThat(s.writer()).isEqualTo(Measurement.Writer.DUTY_SERVICE)));
            assertThat(measurements)
                    .as("every measurement the duty service writes")
                    .containsAll(Schema.MEASUREMENTS.stream()
                            .filter(m -> m.writer() == Measurement.Writer.DUTY_SERVICE)
                            .map(Measurement::name)
                            .toList());
            assertThat(stack.influxdRefusals()).as("writes influxd refused").isEmpty();
            // VictoriaMetrics makes what it took searchable within a second or so: the last writes are waited for.
            long searchable = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            for (String measurement : measurements) {
                while (victoria.export("{__name__=~\"" + measurement + "_.+\"}").isEmpty()
                        && System.nanoTime() < searchable) {
                    Thread.sleep(200);
                }
                assertThat(victoria.export("{__name__=~\"" + measurement + "_.+\"}"))
                        .as(measurement + " in VictoriaMetrics")
                        .isNotEmpty();
            }
            // Each number field of each line, at its millisecond, with its tags, is in VictoriaMetrics.
            Map<String, Double> stored = new TreeMap<>();
            for (String measurement : measurements) {
                for (String series : victoria.export("{__name__=~\"" + measurement + "_.+\"}")) {
                    JsonNode s = JSON.readTree(series);
                    TreeMap<String, String> labels = new TreeMap<>();
                    s.get("metric")
                            .fields()
                            .forEachRemaining(
                                    e -> labels.put(e.getKey(), e.getValue().asText()));
                    String name = labels.remove("__name__");
                    for (int i = 0; i < s.get("timestamps").size(); i++) {
                        stored.put(
                                name + labels + "@" + s.get("timestamps").get(i).asLong(),
                                s.get("values").get(i).asDouble());
                    }
                }
            }
            // A point written twice at one millisecond (a board updated within it) is stored with one of its writes.
            Map<String, List<Double>> written = new TreeMap<>();
            for (String line : lines) {
                Parsed p = Parsed.of(line);
                p.numbers.forEach((field, value) -> written.computeIfAbsent(
                                p.measurement + "_" + field + p.tags + "@" + p.millis, k -> new ArrayList<>())
                        .add(value));
            }
            List<String> differences = new ArrayList<>();
            written.forEach((key, values) -> {
                Double there = stored.get(key);
                if (there == null
                        || values.stream().noneMatch(v -> Math.abs(there - v) <= 1e-11 * Math.max(1, Math.abs(v)))) {
                    differences.add(key + " written " + values + ", stored " + there);
                }
            });
            stored.keySet().stream()
                    .filter(k -> !written.containsKey(k))
                    .forEach(k -> differences.add(k + " stored, never written"));
            assertThat(differences).isEmpty();
        }
    }

    private static int indexOfUnescaped(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',' || c == ' ') {
                return i;
            }
        }
        return line.length();
    }

    /** A line's measurement, tags, fields as VictoriaMetrics stores them (a string as 0) and millisecond. */
    private record Parsed(String measurement, TreeMap<String, String> tags, Map<String, Double> numbers, long millis) {
        static Parsed of(String line) {
            int end = indexOfUnescaped(line);
            String measurement = line.substring(0, end).replace("\\", "");
            TreeMap<String, String> tags = new TreeMap<>();
            int i = end;
            while (line.charAt(i) == ',') {
                int eq = line.indexOf('=', i);
                int next = i + 1 + indexOfUnescaped(line.substring(i + 1));
                tags.put(line.substring(i + 1, eq), unescape(line.substring(eq + 1, next)));
                i = next;
            }
            Map<String, Double> numbers = new TreeMap<>();
            int fieldsStart = i + 1;
            boolean quoted = false;
            int start = fieldsStart;
            int last = line.length();
            for (int j = fieldsStart; j < line.length(); j++) {
                char c = line.charAt(j);
                if (c == '\\' && quoted) {
                    j++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == ',' || c == ' ')) {
                    number(line.substring(start, j), numbers);
                    start = j + 1;
                    if (c == ' ') {
                        last = j;
                        break;
                    }
                }
            }
            return new Parsed(
                    measurement,
                    tags,
                    numbers,
                    Long.parseLong(line.substring(last + 1).trim()) / 1_000_000L);
        }

        private static void number(String field, Map<String, Double> numbers) {
            int eq = field.indexOf('=');
            String value = field.substring(eq + 1);
            String name = field.substring(0, eq);
            if (value.startsWith("\"")) {
                numbers.put(name, 0.0); // VictoriaMetrics 1.79 stores a string field as a series of zeros
                return;
            }
            if (value.equals("true") || value.equals("false")) {
                numbers.put(name, value.equals("true") ? 1.0 : 0.0);
            } else {
                numbers.put(
                        name, Double.parseDouble(value.endsWith("i") ? value.substring(0, value.length() - 1) : value));
            }
        }

        private static String unescape(String text) {
            return text.replace("\\,", ",").replace("\\=", "=").replace("\\ ", " ");
        }
    }

    /**
     * InfluxDB 2.x as the duty service sees it, made of two real servers: a v2 write goes to
     * VictoriaMetrics (whose answer is the answer) and, the same bytes, to influxd's database named
     * by the bucket; every other request (the InfluxQL reads) goes to influxd.
     */
    static final class TwoServers implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final List<String> written = new ArrayList<>();
        private final List<String> influxdRefusals = new ArrayList<>();

        TwoServers(String influxd, String victoria) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                URI uri = exchange.getRequestURI();
                boolean write = uri.getPath().equals("/api/v2/write");
                HttpResponse<byte[]> answer;
                try {
                    answer = forward(
                            exchange.getRequestMethod(),
                            (write ? victoria : influxd) + uri,
                            body,
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            exchange.getRequestHeaders().getFirst("Content-Type"));
                    if (write && answer.statusCode() / 100 == 2) {
                        String bucket = query(uri.getRawQuery(), "bucket");
                        HttpResponse<byte[]> mirrored = forward(
                                "POST",
                                influxd + "/write?precision=ns&db=" + bucket,
                                body,
                                null,
                                "text/plain; charset=utf-8");
                        synchronized (written) {
                            written.add(new String(body, StandardCharsets.UTF_8));
                            if (mirrored.statusCode() != 204) {
                                influxdRefusals.add(mirrored.statusCode() + " "
                                        + new String(mirrored.body(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] out = answer.body();
                exchange.getResponseHeaders()
                        .set(
                                "Content-Type",
                                answer.headers().firstValue("Content-Type").orElse("text/plain"));
                exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
        }

        private HttpResponse<byte[]> forward(
                String method, String url, byte[] body, String authorization, String contentType)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .method(
                            method,
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        private static String query(String rawQuery, String name) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
            throw new IllegalArgumentException("no " + name + " in " + rawQuery);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> writtenLines() {
            synchronized (written) {
                return written.stream()
                        .flatMap(String::lines)
                        .filter(l -> !l.isBlank())
                        .toList();
            }
        }

        List<String> influxdRefusals() {
            synchronized (written) {
                return List.copyOf(influxdRefusals);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
