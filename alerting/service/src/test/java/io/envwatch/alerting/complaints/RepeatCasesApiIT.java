package io.envwatch.alerting.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/repeat-cases over a real influxd holding what the job writes. */
class RepeatCasesApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void listsRepeatCasesWithFiltersAndRefusesBadOnes() throws Exception {
        long now = System.currentTimeMillis();
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("repeat");
            JobIncidents.write(
                    influxd,
                    "repeat",
                    new RepeatCasePoint(
                                    "B-FE-01",
                                    "noise",
                                    "fenggang",
                                    "B-FE-01:noise:1",
                                    "open",
                                    4,
                                    3,
                                    now,
                                    List.of("C-1", "C-2", "C-3", "C-4"),
                                    List.of("FE-N01|noise-laeq-1m"),
                                    now - 86_400_000L)
                            .toLine(),
                    new RepeatCasePoint(
                                    "cell:11406:57047",
                                    "odour",
                                    "tangxia",
                                    "cell:odour:2",
                                    "closed",
                                    3,
                                    0,
                                    now,
                                    List.of("C-7", "C-8", "C-9"),
                                    List.of(),
                                    now - 2 * 86_400_000L)
                            .toLine(),
                    // Told once, then a complaint filed late made the case start a day earlier.
                    new RepeatCasePoint(
                                    "B-FE-01",
                                    "noise",
                                    "fenggang",
                                    "B-FE-01:noise:2",
                                    "merged",
                                    3,
                                    2,
                                    now - 3_600_000L,
                                    List.of("C-2", "C-3", "C-4"),
                                    List.of(),
                                    now - 3 * 86_400_000L,
                                    "B-FE-01:noise:1")
                            .toLine());
            try (DutyService duty = DutyServices.start(influxd, "repeat")) {
                JsonArray all = new JsonArray(get(duty, "/api/v1/repeat-cases").body());
                assertThat(all).hasSize(2);
                JsonObject newest = all.getJsonObject(0);
                assertThat(newest.getString("place")).isEqualTo("B-FE-01");
                assertThat(newest.getInteger("count")).isEqualTo(4);
                assertThat(newest.getJsonArray("complaints")).hasSize(4);
                assertThat(newest.getJsonArray("incidents").getString(0)).isEqualTo("FE-N01|noise-laeq-1m");
                assertThat(new JsonArray(
                                get(duty, "/api/v1/repeat-cases?town=tangxia").body()))
                        .hasSize(1);
                assertThat(new JsonArray(get(duty, "/api/v1/repeat-cases?category=noise&state=open")
                                .body()))
                        .hasSize(1);
                assertThat(new JsonArray(get(duty, "/api/v1/repeat-cases?state=closed&category=noise")
                                .body()))
                        .isEmpty();
                JsonArray merged = new JsonArray(
                        get(duty, "/api/v1/repeat-cases?state=merged").body());
                assertThat(merged).hasSize(1);
                assertThat(merged.getJsonObject(0).getString("mergedInto")).isEqualTo("B-FE-01:noise:1");
                assertThat(newest.getString("mergedInto")).isNull();
                HttpResponse<String> bad = get(duty, "/api/v1/repeat-cases?category=smell");
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("category");
                assertThat(get(duty, "/api/v1/repeat-cases?town=x'%20OR%20'1'='1")
                                .statusCode())
                        .isEqualTo(400);
            }
        }
    }

    private static HttpResponse<String> get(DutyService duty, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + path))
                        .header("Authorization", "Bearer " + DutyServices.MONITOR)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
