package io.envwatch.alerting.campaigns;

import static io.envwatch.alerting.DutyServices.DUTY_LEADER;
import static io.envwatch.alerting.DutyServices.DUTY_OFFICER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Campaign progress against figures counted by hand on seeded complaints: the current month beside
 * the same month a year earlier, per town and target, scope by town, category and industry, the
 * baseline prorated part-way through; and a tip in a campaign's scope earns the multiplied reward.
 */
class CampaignsApiIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String METAL = "金属表面处理";

    @Test
    void progressPerTownAndTargetIsTheHandCountedFigure() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("campaigns");
            List<String> lines = new ArrayList<>();
            // Fenggang, November 2025: 10 noise complaints on days 1-10 (4 escalated; 5 about metal works).
            for (int d = 1; d <= 10; d++) {
                lines.add(complaint("fenggang", "noise", d <= 5 ? METAL : "electroplating", d <= 4, 2025, d));
            }
            // Fenggang, November 2026: 6 (2 escalated; 4 about metal works), and 3 odour ones out of scope.
            for (int d = 1; d <= 6; d++) {
                lines.add(complaint("fenggang", "noise", d <= 4 ? METAL : "electroplating", d <= 2, 2026, d));
            }
            for (int d = 1; d <= 3; d++) {
                lines.add(complaint("fenggang", "odour", METAL, false, 2026, d));
            }
            // Tangxia: 5 and 5 (2 escalated each year); Changping, not in scope, 7 this year.
            for (int d = 1; d <= 5; d++) {
                lines.add(complaint("tangxia", "noise", null, d <= 2, 2025, d));
                lines.add(complaint("tangxia", "noise", null, d <= 2, 2026, d));
            }
            for (int d = 1; d <= 7; d++) {
                lines.add(complaint("changping", "noise", null, false, 2026, d));
            }
            JobIncidents.write(influxd, "campaigns", lines.toArray(String[]::new));

            MovableClock clock = new MovableClock(
                    LocalDate.of(2026, 11, 4).atStartOfDay(ZONE).toInstant());
            try (DutyService duty =
                    DutyServices.on(influxd, "campaigns").clock(clock).start()) {
                Api api = new Api(duty);
                String definition =
                        "{\"name\":\"Quiet nights\",\"towns\":[\"fenggang\",\"tangxia\"],\"categories\":[\"noise\"],"
                                + "\"from\":\"2026-11-01\",\"until\":\"2026-11-30\",\"baselineFrom\":\"2025-11-01\","
                                + "\"baselineUntil\":\"2025-11-30\",\"targets\":{\"complaints\":-30,\"escalated\":-25},\"tipMultiplier\":2}";
                assertThat(api.post("/api/v1/campaigns", DUTY_OFFICER, definition)
                                .statusCode())
                        .isEqualTo(403);
                assertThat(api.post("/api/v1/campaigns", DUTY_LEADER, definition.replace("tangxia", "atlantis"))
                                .body())
                        .contains("\"field\":\"towns\"");
                HttpResponse<String> defined = api.post("/api/v1/campaigns", DUTY_LEADER, definition);
                assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
                String id = new JsonObject(defined.body()).getString("id");
                String metalOnly = new JsonObject(api.post(
                                        "/api/v1/campaigns",
                                        DUTY_LEADER,
                                        definition
                                                .replace(
                                                        "\"categories\":[\"noise\"]",
                                                        "\"categories\":[\"noise\"],\"industries\":[\"" + METAL + "\"]")
                                                .replace("\"tipMultiplier\":2", "\"tipMultiplier\":1"))
                                .body())
                        .getString("id");

                // Three days in: three days of each baseline against three of the campaign.
                JsonArray early =
                        api.object("/api/v1/campaigns/" + id, FENGGANG_SQUAD).getJsonArray("progress");
                assertThat(row(early, "fenggang", "complaints")).containsExactly(3L, 3L);

                clock.advance(Duration.ofDays(31));
                JsonArray done =
                        api.object("/api/v1/campaigns/" + id, FENGGANG_SQUAD).getJsonArray("progress");
                assertThat(row(done, "fenggang", "complaints")).containsExactly(10L, 6L);
                assertThat(find(done, "fenggang", "complaints").getDouble("changePercent"))
                        .isEqualTo(-40.0);
                assertThat(find(done, "fenggang", "complaints").getBoolean("met"))
                        .isTrue();
                assertThat(row(done, "fenggang", "escalated")).containsExactly(4L, 2L);
                assertThat(find(done, "fenggang", "escalated").getBoolean("met"))
                        .isTrue();
                assertThat(row(done, "tangxia", "complaints")).containsExactly(5L, 5L);
                assertThat(find(done, "tangxia", "complaints").getBoolean("met"))
                        .isFalse();
                assertThat(done).hasSize(4).noneMatch(r -> "changping".equals(((JsonObject) r).getString("town")));
                JsonArray metal = api.object("/api/v1/campaigns/" + metalOnly, DUTY_LEADER)
                        .getJsonArray("progress");
                assertThat(row(metal, "fenggang", "complaints")).containsExactly(5L, 4L);
                assertThat(find(metal, "fenggang", "complaints").getDouble("changePercent"))
                        .isEqualTo(-20.0);
            }
            // Both campaigns, defined in the same instant, come back after a restart.
            try (DutyService again =
                    DutyServices.on(influxd, "campaigns").clock(clock).start()) {
                assertThat(new Api(again).list("/api/v1/campaigns", FENGGANG_SQUAD))
                        .hasSize(2);
            }
        }
    }

    @Test
    void aTipInTheCampaignsScopeEarnsTheMultipliedReward() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("multiplied");
            MovableClock clock = new MovableClock(
                    LocalDate.of(2026, 11, 10).atStartOfDay(ZONE).toInstant());
            try (DutyService duty =
                    DutyServices.on(influxd, "multiplied").clock(clock).start()) {
                Api api = new Api(duty);
                assertThat(api.post(
                                        "/api/v1/campaigns",
                                        DUTY_LEADER,
                                        "{\"name\":\"River basin\",\"towns\":[\"fenggang\"],"
                                                + "\"categories\":[\"water\"],\"from\":\"2026-11-01\",\"until\":\"2026-11-30\",\"baselineFrom\":\"2025-11-01\","
                                                + "\"baselineUntil\":\"2025-11-30\",\"targets\":{\"complaints\":-30,\"escalated\":-25},\"tipMultiplier\":2}")
                                .statusCode())
                        .isEqualTo(201);
                String inScope = tip(duty, "fenggang");
                String outside = tip(duty, "tangxia");
                for (String id : List.of(inScope, outside)) {
                    api.post(
                            "/api/v1/tips/" + id + "/verify",
                            DUTY_LEADER,
                            "{\"substantiated\":true,\"findings\":\"pipe found\"}");
                }
                assertThat(new JsonObject(api.post("/api/v1/tips/" + inScope + "/reward", DUTY_LEADER, "")
                                        .body())
                                .getDouble("reward"))
                        .isEqualTo(10000.0);
                assertThat(new JsonObject(api.post("/api/v1/tips/" + outside + "/reward", DUTY_LEADER, "")
                                        .body())
                                .getDouble("reward"))
                        .isEqualTo(5000.0);
            }
        }
    }

    private static String tip(DutyService duty, String town) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/tips"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"class\":\"hidden-discharge-pipe\",\"town\":\"" + town
                                                + "\",\"text\":\"a pipe into the river\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new JsonObject(r.body()).getString("tip");
    }

    private static JsonObject find(JsonArray progress, String town, String target) {
        return progress.stream()
                .map(JsonObject.class::cast)
                .filter(r -> town.equals(r.getString("town")) && target.equals(r.getString("target")))
                .findFirst()
                .orElseThrow();
    }

    private static List<Long> row(JsonArray progress, String town, String target) {
        JsonObject r = find(progress, town, target);
        return List.of(r.getLong("baseline"), r.getLong("current"));
    }

    private static int n;

    private static String complaint(
            String town, String category, String industry, boolean escalated, int year, int day) {
        long at = LocalDate.of(year, 11, day)
                .atTime(10, 0)
                .atZone(ZONE)
                .toInstant()
                .toEpochMilli();
        return new ComplaintPoint(
                        category,
                        town,
                        "hotline",
                        industry,
                        escalated,
                        "C-" + (n++),
                        22.8,
                        114.1,
                        "",
                        "",
                        "",
                        at,
                        "corroborated",
                        true,
                        "seeded",
                        List.of(),
                        List.of(),
                        at)
                .toLine();
    }
}
