package io.envwatch.alerting.ratings;

import static io.envwatch.alerting.DutyServices.DUTY_LEADER;
import static io.envwatch.alerting.DutyServices.DUTY_OFFICER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static io.envwatch.alerting.DutyServices.MONITOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.schema.IncidentPoint;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A seeded October rated by hand: incidents (one severe) cost the metal finisher 25 points (blue);
 * an open ledger case costs Tianxin 15 (blue); an open repeat case costs Lincun 20 and keeps it out of
 * green and blue (yellow); two critical incidents and a repeat case put the dyeing works in red;
 * the circuit-board maker keeps 100 (green). September's incident counts only for September.
 */
class RatingsIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String METAL = "东莞市凤岗金属表面处理有限公司";

    @Test
    void aMonthIsRatedAsCountedByHandWithItsReasonsAndHistory() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("ratings");
            MovableClock clock = new MovableClock(
                    LocalDate.of(2026, 11, 5).atStartOfDay(ZONE).toInstant());
            long now = clock.millis();
            JobIncidents.write(
                    influxd,
                    "ratings",
                    incident("FE-N01", "HIGH", LocalDate.of(2026, 10, 3)),
                    incident("FE-N01", "LOW", LocalDate.of(2026, 10, 9)),
                    incident("FE-N01", "LOW", LocalDate.of(2026, 10, 20)),
                    incident("FE-N01", "HIGH", LocalDate.of(2026, 9, 20)),
                    incident("FE-O03", "CRITICAL", LocalDate.of(2026, 10, 11)),
                    incident("FE-O03", "CRITICAL", LocalDate.of(2026, 10, 12)),
                    new RepeatCasePoint(
                                    "B-TA-05",
                                    "noise",
                                    "tangxia",
                                    "B-TA-05:noise:1",
                                    "open",
                                    3,
                                    2,
                                    now,
                                    List.of("C-1"),
                                    List.of("TA-N04|noise-laeq-1m"),
                                    now - 10 * 86_400_000L)
                            .toLine(),
                    new RepeatCasePoint(
                                    "B-FE-03",
                                    "odour",
                                    "fenggang",
                                    "B-FE-03:odour:1",
                                    "open",
                                    4,
                                    4,
                                    now,
                                    List.of("C-2"),
                                    List.of("FE-O03|odour-h2s"),
                                    now - 10 * 86_400_000L)
                            .toLine());
            try (DutyService duty =
                    DutyServices.on(influxd, "ratings").clock(clock).start()) {
                Api api = new Api(duty);
                api.post(
                        "/api/v1/cases",
                        FENGGANG_SQUAD,
                        "{\"town\":\"fenggang\",\"source\":\"FE-N04\","
                                + "\"cause\":\"plating line noise at night\",\"households\":30}");
                assertThat(api.post("/api/v1/ratings/compute?month=2026-10", DUTY_OFFICER, "")
                                .statusCode())
                        .isEqualTo(403);
                assertThat(api.post("/api/v1/ratings/compute?month=2026-10", DUTY_LEADER, "")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(api.post("/api/v1/ratings/compute?month=2026-09", DUTY_LEADER, "")
                                .statusCode())
                        .isEqualTo(200);

                JsonObject october = api.object("/api/v1/ratings", MONITOR); // last month, by default
                assertThat(october.getString("month")).isEqualTo("2026-10");
                JsonArray rated = october.getJsonArray("ratings");
                assertThat(rating(rated, METAL)).containsExactly("blue", 75L);
                assertThat(rating(rated, "东莞市田心电镀有限公司")).containsExactly("blue", 85L);
                assertThat(rating(rated, "东莞市林村表面处理有限公司")).containsExactly("yellow", 80L);
                assertThat(rating(rated, "东莞市凤岗印染有限公司")).containsExactly("red", 50L);
                assertThat(rating(rated, "东莞市桥头线路板有限公司")).containsExactly("green", 100L);
                assertThat(find(rated, "东莞市林村表面处理有限公司").getJsonArray("reasons").getList())
                        .contains("an open repeat-complaint case keeps it out of green and blue: yellow at best");
                assertThat(find(rated, METAL).getJsonArray("reasons").getList())
                        .containsExactly("3 incidents at its sites: -15", "1 of them severe (HIGH or CRITICAL): -10");

                JsonArray history = api.object(
                                "/api/v1/ratings/history?enterprise="
                                        + URLEncoder.encode(METAL, StandardCharsets.UTF_8),
                                MONITOR)
                        .getJsonArray("ratings");
                assertThat(history.stream()
                                .map(r -> ((JsonObject) r).getString("month") + " " + ((JsonObject) r).getLong("score"))
                                .toList())
                        .containsExactly("2026-09 85", "2026-10 75");
                assertThat(api.get("/api/v1/ratings/history?enterprise=nobody", MONITOR)
                                .statusCode())
                        .isEqualTo(400);
                assertThat(api.get("/api/v1/ratings?month=October", MONITOR).statusCode())
                        .isEqualTo(400);
            }
        }
    }

    private static String incident(String site, String severity, LocalDate day) {
        long start = day.atTime(22, 0).atZone(ZONE).toInstant().toEpochMilli();
        return new IncidentPoint(
                        site,
                        "fenggang",
                        "team-fenggang",
                        "noise-laeq-1m",
                        site + ":noise-laeq-1m:" + start,
                        "closed",
                        "noise",
                        "dB(A)",
                        start + 3_600_000L,
                        68,
                        60,
                        55,
                        "night",
                        severity,
                        List.of(),
                        -1,
                        List.of(),
                        List.of(),
                        start)
                .toLine();
    }

    private static JsonObject find(JsonArray ratings, String enterprise) {
        return ratings.stream()
                .map(JsonObject.class::cast)
                .filter(r -> enterprise.equals(r.getString("enterprise")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rating of " + enterprise + " in " + ratings));
    }

    private static List<Object> rating(JsonArray ratings, String enterprise) {
        JsonObject r = find(ratings, enterprise);
        return List.of(r.getString("class"), r.getLong("score"));
    }
}
