package io.envwatch.infra.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every query of every provisioned board, run against a real influxd holding three days of the
 * sample district (written with the job's own point code) and the duty service's own points (the
 * real service, turning the job's incidents into alerts that people then work through its API).
 * Variables take the value Grafana would pick on load; the macros are expanded for each panel's
 * time range. A query that fails, or parses and returns nothing, fails the test.
 */
class BoardQueriesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DB = "boards";

    @Test
    void everyPanelQueryOfEveryBoardReturnsRows() throws Exception {
        Registry registry = RegistryLoader.sample();
        Instant now = Instant.now();
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase(DB);
            List<String> history = new DistrictHistory(registry, now.toEpochMilli()).lines();
            for (int i = 0; i < history.size(); i += 5000) {
                write(influxd, String.join("\n", history.subList(i, Math.min(history.size(), i + 5000))));
            }
            workTheAlerts(registry, influxd);
            patrolTheGrids(registry, influxd, now);

            List<String> failures = new ArrayList<>();
            int queries = 0;
            List<Path> boards;
            try (Stream<Path> files = Files.list(Path.of("grafana", "dashboards"))) {
                boards = files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList();
            }
            assertThat(boards).hasSizeGreaterThanOrEqualTo(5);
            for (Path file : boards) {
                JsonNode board = JSON.readTree(file.toFile());
                ZoneId zone = ZoneId.of(board.path("timezone").asText("UTC"));
                String from = board.path("time").path("from").asText();
                String to = board.path("time").path("to").asText();
                BoardQuery.Range boardRange = BoardQuery.range(from, to, null, null, now, zone);
                Map<String, String> variables = new LinkedHashMap<>();
                for (JsonNode v : board.path("templating").path("list")) {
                    String name = v.path("name").asText();
                    if (v.path("includeAll").asBoolean()) {
                        variables.put(name, v.path("allValue").asText(".*"));
                        continue;
                    }
                    List<String> values =
                            values(influxd, BoardQuery.expand(v.path("query").asText(), boardRange, variables));
                    if (values.isEmpty()) {
                        failures.add(file.getFileName() + " variable $" + name + ": no values");
                        continue;
                    }
                    variables.put(name, values.stream().sorted().findFirst().orElseThrow());
                }
                for (JsonNode panel : panels(board)) {
                    BoardQuery.Range range = BoardQuery.range(
                            from,
                            to,
                            panel.path("timeFrom").asText(null),
                            panel.path("timeShift").asText(null),
                            now,
                            zone);
                    for (JsonNode target : panel.path("targets")) {
                        queries++;
                        String where =
                                file.getFileName() + " / " + panel.path("title").asText() + " / "
                                        + target.path("refId").asText();
                        try {
                            String q = BoardQuery.expand(target.path("query").asText(), range, variables);
                            int rows = rows(influxd, q);
                            if (rows == 0) {
                                failures.add(where + ": no rows for " + q);
                            }
                        } catch (RuntimeException e) {
                            failures.add(where + ": " + e.getMessage());
                        }
                    }
                }
            }
            System.out.printf("ran %d panel queries of %d boards%n", queries, boards.size());
            assertThat(failures)
                    .as("panel queries that failed or returned nothing")
                    .isEmpty();
            assertThat(queries).as("queries run").isGreaterThanOrEqualTo(30);
        }
    }

    /**
     * The real duty service turns the job's incidents into alerts (its clock 10 minutes behind, so
     * the silent sensor's alert is past its deadline now); in every town a team acknowledges its
     * alert and reports on scene.
     */
    private static void workTheAlerts(Registry registry, LocalInfluxd influxd) throws Exception {
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        try (DutyService duty = DutyService.builder(registry, InfluxSettings.v1(influxd.url(), DB))
                .port(0)
                .clock(behind)
                .start()) {
            duty.pollIncidentsNow().get(30, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + duty.port() + "/api/v1/alerts";
            JsonArray alerts = new JsonArray(send(
                    HttpRequest.newBuilder(URI.create(base + "?state=active")).GET(), base));
            assertThat(alerts).hasSize(registry.towns().size() + 1);
            for (Object o : alerts) {
                JsonObject alert = (JsonObject) o;
                if (alert.getString("kind").startsWith("noise")) {
                    for (String verb : List.of("ack", "on-scene")) {
                        send(
                                HttpRequest.newBuilder(URI.create(base + "/" + alert.getString("id") + "/" + verb))
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"board test\"}")),
                                base);
                    }
                }
            }
            // Each town's squad puts its worst site on the ledger with a rectification plan.
            String cases = "http://127.0.0.1:" + duty.port() + "/api/v1/cases";
            for (var town : registry.towns()) {
                String site = registry.sites().stream()
                        .filter(x -> x.town().equals(town.id()))
                        .findFirst()
                        .orElseThrow()
                        .id();
                JsonObject c = new JsonObject(send(
                        HttpRequest.newBuilder(URI.create(cases))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"town\":\"" + town.id() + "\",\"source\":\"" + site
                                                + "\",\"cause\":\"board test\"," + "\"households\":120}")),
                        cases,
                        201));
                send(
                        HttpRequest.newBuilder(URI.create(cases + "/" + c.getString("id") + "/plan"))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"opinion\":\"board test\",\"deadline\":\""
                                        + Instant.now().plus(Duration.ofDays(30)) + "\"}")),
                        cases);
            }
            // Every town receives a tip through the public intake; its squad verifies it.
            String tips = "http://127.0.0.1:" + duty.port() + "/api/v1/tips";
            for (var town : registry.towns()) {
                JsonObject tip = new JsonObject(send(
                        HttpRequest.newBuilder(URI.create(tips))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"class\":\"hidden-discharge-pipe\",\"town\":\"" + town.id()
                                                + "\",\"text\":\"board test\"}")),
                        tips,
                        201));
                send(
                        HttpRequest.newBuilder(URI.create(tips + "/" + tip.getString("tip") + "/verify"))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"substantiated\":true,\"findings\":\"board test\"}")),
                        tips);
            }
            // The duty leader runs a campaign over the last days in every town; reading it writes its progress.
            String campaigns = "http://127.0.0.1:" + duty.port() + "/api/v1/campaigns";
            LocalDate today = LocalDate.now(registry.localTime().zoneId());
            String towns =
                    registry.towns().stream().map(t -> "\"" + t.id() + "\"").collect(Collectors.joining(","));
            JsonObject campaign = new JsonObject(send(
                    HttpRequest.newBuilder(URI.create(campaigns))
                            .header("Authorization", "Bearer leader-demo-token")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"board test\",\"towns\":["
                                    + towns + "],\"categories\":[\"noise\",\"odour\"],\"from\":\"" + today.minusDays(2)
                                    + "\",\"until\":\""
                                    + today.plusDays(5) + "\",\"baselineFrom\":\"" + today.minusDays(60)
                                    + "\",\"baselineUntil\":\""
                                    + today.minusDays(53) + "\",\"targets\":{\"complaints\":-30,\"escalated\":-25}}")),
                    campaigns,
                    201));
            send(
                    HttpRequest.newBuilder(URI.create(campaigns + "/" + campaign.getString("id")))
                            .GET(),
                    campaigns);
            // The duty leader rates this month's enterprises (the service does last month by itself).
            String ratings =
                    "http://127.0.0.1:" + duty.port() + "/api/v1/ratings/compute?month=" + YearMonth.from(today);
            assertThat(new JsonObject(send(
                                    HttpRequest.newBuilder(URI.create(ratings))
                                            .header("Authorization", "Bearer leader-demo-token")
                                            .POST(HttpRequest.BodyPublishers.noBody()),
                                    ratings))
                            .getJsonArray("ratings"))
                    .as("every enterprise of the registry rated")
                    .hasSize(5);
        }
    }

    /**
     * Yantian's round, which started 2 h 50 min ago and had an hour, is never walked: the duty room
     * is told. Its information officer and Fengdeling's grid officer file what they saw.
     */
    private static void patrolTheGrids(Registry registry, LocalInfluxd influxd, Instant now) throws Exception {
        ZoneId zone = registry.localTime().zoneId();
        Instant started = now.minus(Duration.ofMinutes(170));
        String round = java.time.LocalTime.ofInstant(started, zone)
                .withSecond(0)
                .withNano(0)
                .toString();
        String settings = DutySettingsLoader.sampleText()
                .replace("rounds: [\"07:00\", \"22:00\"]", "rounds: [\"" + round + "\"]")
                .replace("roundTakes: PT1H30M", "roundTakes: PT1H");
        MovableClock clock = new MovableClock(started.minus(Duration.ofMinutes(10)));
        try (DutyService duty = DutyService.builder(registry, InfluxSettings.v1(influxd.url(), DB))
                .settings(DutySettingsLoader.parse("boards", settings, registry, name -> null))
                .port(0)
                .clock(clock)
                .start()) {
            clock.advance(Duration.between(clock.instant(), now.minus(Duration.ofMinutes(1))));
            assertThat(duty.judgePatrolsNow().get(30, TimeUnit.SECONDS)).isPositive();
            String findings = "http://127.0.0.1:" + duty.port() + "/api/v1/patrols/findings";
            for (String[] filed : List.of(
                    new String[] {"yantian-information-demo-token", "FG-YANTIAN-1", "22.7396", "114.1401"},
                    new String[] {"fengdeling-grid-demo-token", "FG-FENGDELING-1", "22.7321", "114.1246"})) {
                send(
                        HttpRequest.newBuilder(URI.create(findings))
                                .header("Authorization", "Bearer " + filed[0])
                                .POST(HttpRequest.BodyPublishers.ofString("{\"grid\":\"" + filed[1]
                                        + "\",\"category\":\"odour\",\"text\":\"board test\",\"lat\":" + filed[2]
                                        + ",\"lon\":" + filed[3] + ",\"accuracy\":10,\"clientTime\":"
                                        + now.toEpochMilli() + "}")),
                        findings,
                        201);
            }
        }
    }

    private static String send(HttpRequest.Builder request, String what) throws Exception {
        return send(request, what, 200);
    }

    private static String send(HttpRequest.Builder request, String what, int status) throws Exception {
        if (request.build().headers().firstValue("Authorization").isEmpty()) {
            request.header("Authorization", "Bearer duty-demo-token");
        }
        HttpResponse<String> response = HTTP.send(
                request.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
        return response.body();
    }

    private static List<JsonNode> panels(JsonNode board) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : board.path("panels")) {
            if ("row".equals(p.path("type").asText())) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Rows of a query; InfluxDB's refusal is thrown with its message. */
    private static int rows(LocalInfluxd influxd, String q) {
        return reads(influxd).query(q).size();
    }

    /** The values a variable's query offers: SHOW TAG VALUES answers key and value columns. */
    private static List<String> values(LocalInfluxd influxd, String q) {
        return reads(influxd).query(q).stream()
                .map(row -> String.valueOf(row.get("value")))
                .toList();
    }

    private static InfluxQlRows reads(LocalInfluxd influxd) {
        return new InfluxQlRows(InfluxSettings.v1(influxd.url(), DB));
    }

    private static void write(LocalInfluxd influxd, String lines) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(influxd.url() + "/write?precision=ns&db=" + DB))
                        .POST(HttpRequest.BodyPublishers.ofString(lines))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
