package io.envwatch.alerting.tips;

import static io.envwatch.alerting.DutyServices.DUTY_LEADER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static io.envwatch.alerting.DutyServices.MONITOR;
import static io.envwatch.alerting.DutyServices.TANGXIA_SQUAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.Row;
import io.envwatch.district.schema.TipEventPoint;
import io.envwatch.district.schema.TipStatePoint;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rewarded anonymous tips through the real duty service and influxd: filed anonymously, followed
 * and claimed with the code alone, verified, rewarded and paid by staff allowed to; the text sealed
 * in storage, every read recorded, the month's verification rate as computed by hand, all of it
 * intact after a restart, and wrong codes limited.
 */
class TipsApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TEXT =
            "A hidden pipe behind the Lincun plating shop discharges at night into the ditch";

    @Test
    void aTipIsFiledFollowedVerifiedRewardedClaimedAndPaidWithoutANameAndSurvivesARestart() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("tips");
            MovableClock clock = new MovableClock(Instant.parse("2026-11-03T02:00:00Z"));
            String code;
            String id;
            try (DutyService duty =
                    DutyServices.on(influxd, "tips").clock(clock).start()) {
                Api api = new Api(duty);
                assertThat(publicPost(duty, "", "{\"class\":\"moonlight\",\"town\":\"fenggang\",\"text\":\"x\"}")
                                .body())
                        .contains("\"field\":\"class\"");
                HttpResponse<String> filed = publicPost(
                        duty,
                        "",
                        "{\"class\":\"hidden-discharge-pipe\",\"town\":\"fenggang\"," + "\"text\":\"" + TEXT + "\"}");
                assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
                code = new JsonObject(filed.body()).getString("claimCode");
                id = new JsonObject(filed.body()).getString("tip");
                assertThat(code).startsWith(id + ".");
                assertThat(status(duty, code).getString("status")).isEqualTo("received");

                JsonArray listed = api.list("/api/v1/tips", FENGGANG_SQUAD);
                assertThat(listed).hasSize(1);
                assertThat(listed.getJsonObject(0).containsKey("text")).isFalse();
                JsonArray leaders = api.list("/api/v1/tips", DutyServices.SECTION_CHIEF);
                assertThat(leaders).as("leaders see the list, without texts").hasSize(1);
                assertThat(leaders.getJsonObject(0).containsKey("text")).isFalse();
                assertThat(api.get("/api/v1/tips/" + id, TANGXIA_SQUAD).statusCode())
                        .as("another town's tip, as if there were none")
                        .isEqualTo(404);
                assertThat(api.get("/api/v1/tips/" + id, MONITOR).statusCode()).isEqualTo(403);
                JsonObject read = api.object("/api/v1/tips/" + id, FENGGANG_SQUAD);
                assertThat(read.getString("text")).isEqualTo(TEXT);
                assertThat(read.getJsonArray("readLog")).hasSize(1);

                assertThat(api.post("/api/v1/tips/" + id + "/investigate", FENGGANG_SQUAD, "")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(status(duty, code).getString("status")).isEqualTo("under-investigation");
                assertThat(api.post("/api/v1/tips/" + id + "/verify", FENGGANG_SQUAD, "{\"substantiated\":\"yes\"}")
                                .body())
                        .contains("\"field\":\"substantiated\"");
                clock.advance(Duration.ofDays(10));
                assertThat(api.post(
                                        "/api/v1/tips/" + id + "/verify",
                                        FENGGANG_SQUAD,
                                        "{\"substantiated\":true,"
                                                + "\"findings\":\"pipe found and sealed; plating shop fined\"}")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(api.post("/api/v1/tips/" + id + "/reward", FENGGANG_SQUAD, "")
                                .statusCode())
                        .as("money is the duty leader's")
                        .isEqualTo(403);
                JsonObject rewarded = new JsonObject(api.post("/api/v1/tips/" + id + "/reward", DUTY_LEADER, "")
                        .body());
                assertThat(rewarded.getDouble("reward")).isEqualTo(5000.0);
                assertThat(api.post("/api/v1/tips/" + id + "/pay", DUTY_LEADER, "")
                                .statusCode())
                        .as("the tipster claims first")
                        .isEqualTo(409);
                HttpResponse<String> claimed = publicPost(duty, "/claim", "", code);
                assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
                assertThat(new JsonObject(claimed.body()).getString("status")).isEqualTo("claimed");
                clock.advance(Duration.ofDays(20));
                assertThat(api.post("/api/v1/tips/" + id + "/pay", DUTY_LEADER, "")
                                .statusCode())
                        .isEqualTo(200);

                // A second tip, in December, not substantiated. By month (local time), as counted by hand:
                // November received and closed the first (substantiated); December received and closed
                // the second (not), and paid the first, 30 days after it came in.
                String other = new JsonObject(publicPost(
                                        duty,
                                        "",
                                        "{\"class\":\"high-polluting-fuel\",\"town\":\"fenggang\","
                                                + "\"text\":\"coal smoke at the dye works\"}")
                                .body())
                        .getString("tip");
                api.post(
                        "/api/v1/tips/" + other + "/verify",
                        FENGGANG_SQUAD,
                        "{\"substantiated\":false,\"findings\":\"gas boiler\"}");
                JsonObject november = api.object("/api/v1/tips/figures?month=2026-11", DUTY_LEADER)
                        .getJsonArray("towns")
                        .getJsonObject(0);
                assertThat(november.getString("town")).isEqualTo("fenggang");
                assertThat(List.of(
                                november.getInteger("received"),
                                november.getInteger("closed"),
                                november.getInteger("substantiated"),
                                november.getInteger("paid")))
                        .containsExactly(1, 1, 1, 0);
                assertThat(november.getDouble("verificationRate")).isEqualTo(1.0);
                assertThat(november.getValue("meanDaysToPayout")).isNull();
                JsonObject december = api.object("/api/v1/tips/figures?month=2026-12", DUTY_LEADER)
                        .getJsonArray("towns")
                        .getJsonObject(0);
                assertThat(List.of(
                                december.getInteger("received"),
                                december.getInteger("closed"),
                                december.getInteger("substantiated"),
                                december.getInteger("paid")))
                        .containsExactly(1, 1, 0, 1);
                assertThat(december.getDouble("verificationRate")).isEqualTo(0.0);
                assertThat(december.getDouble("meanDaysToPayout")).isEqualTo(30.0);
                assertThat(december.getInteger("paidWithin90Days")).isEqualTo(1);
                assertThat(api.get("/api/v1/tips/figures?month=December", DUTY_LEADER)
                                .statusCode())
                        .isEqualTo(400);

                // Without a month, the service's own month in the district's time, not the machine's clock.
                clock.advance(Duration.ofDays(60));
                assertThat(api.object("/api/v1/tips/figures", DUTY_LEADER).getString("month"))
                        .isEqualTo("2027-02");
                assertThat(api.get("/api/v1/tips/figures?month=2027-02", DUTY_LEADER)
                                .statusCode())
                        .isEqualTo(200);
            }

            // Nothing readable of the tip in InfluxDB: text and findings are sealed; every read is an event.
            InfluxQlRows rows = new InfluxQlRows(InfluxSettings.v1(influxd.url(), "tips"));
            String stored =
                    rows.query(InfluxQl.selectAll(TipEventPoint.MEASUREMENT)).toString()
                            + rows.query(InfluxQl.selectAll(TipStatePoint.MEASUREMENT));
            assertThat(stored)
                    .doesNotContain("hidden pipe")
                    .doesNotContain("plating shop fined")
                    .doesNotContain(code)
                    .contains("aesgcm:");
            List<Row> reads = rows.rows(
                    InfluxQl.selectAll(TipEventPoint.MEASUREMENT) + " WHERE " + TipEventPoint.ACTION.is("read"));
            assertThat(reads)
                    .singleElement()
                    .satisfies(r -> assertThat(r.text(TipEventPoint.ACTOR)).isEqualTo("fenggang-squad"));

            try (DutyService again =
                    DutyServices.on(influxd, "tips").clock(clock).start()) {
                JsonObject after = status(again, code);
                assertThat(after.getString("status")).isEqualTo("paid");
                assertThat(after.getDouble("reward")).isEqualTo(5000.0);
                JsonObject read = new Api(again).object("/api/v1/tips/" + id, DUTY_LEADER);
                assertThat(read.getString("findings")).isEqualTo("pipe found and sealed; plating shop fined");
                assertThat(read.getJsonArray("readLog").stream()
                                .map(e -> ((JsonObject) e).getString("by"))
                                .toList())
                        .containsExactly("fenggang-squad", "duty-leader");

                // A wrong code reads nothing; five wrong codes from one address and it must wait.
                String wrong = id + ".AAAAA-AAAAA-AAAAA-AAAAA";
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> miss = get(again, "/status", wrong);
                    assertThat(miss.statusCode()).isEqualTo(404);
                    assertThat(miss.body()).doesNotContain(id + "\"").doesNotContain("paid");
                }
                HttpResponse<String> limited = get(again, "/status", code);
                assertThat(limited.statusCode()).isEqualTo(429);
                assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            }
        }
    }

    private static JsonObject status(DutyService duty, String code) throws Exception {
        HttpResponse<String> r = get(duty, "/status", code);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static HttpResponse<String> get(DutyService duty, String path, String code) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/tips" + path))
                        .header("X-Claim-Code", code)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> publicPost(DutyService duty, String path, String body) throws Exception {
        return publicPost(duty, path, body, null);
    }

    private static HttpResponse<String> publicPost(DutyService duty, String path, String body, String code)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/tips" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (code != null) {
            request.header("X-Claim-Code", code);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
