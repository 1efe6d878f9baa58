package io.envwatch.alerting.river;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.district.schema.TpAttributionPoint;
import io.envwatch.district.schema.TpMonthPoint;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/river/sections/{id} over a real influxd holding what the job writes. */
class RiverSectionApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long T = 1_795_000_000_000L;

    @Test
    void theSectionsMonthProjectionUpstreamStationsAndSuspects() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("river");
            JobIncidents.write(
                    influxd,
                    "river",
                    month("ST-QILING", "W-QILING", 0.27, 0.3096, "low", T - 3_600_000L),
                    month("ST-QILING", "W-QILING", 0.28, 0.2987, "low", T),
                    month("ST-TANGXIA", "W-TANGXIA", 0.51, -0.1, "impossible", T),
                    new TpAttributionPoint(
                                    "ST-QILING",
                                    "ST-TANGXIA",
                                    0.43,
                                    0.18,
                                    0.25,
                                    List.of("ST-TANGXIA:0.71:0.93:450", "ST-CHANGPING:0.05:0.07:120"),
                                    List.of("林村表面处理厂 (金属表面处理) @1812 m"),
                                    T)
                            .toLine());
            try (DutyService duty = DutyServices.start(influxd, "river")) {
                HttpResponse<String> response = get(duty, "/api/v1/river/sections/ST-QILING");
                assertThat(response.statusCode()).isEqualTo(200);
                JsonObject body = new JsonObject(response.body());
                assertThat(body.getJsonObject("section").getString("name")).isEqualTo("旗岭");
                assertThat(body.getJsonObject("section").getBoolean("assessmentSection"))
                        .isTrue();
                JsonObject month = body.getJsonObject("month");
                assertThat(month.getDouble("mean")).isEqualTo(0.28);
                assertThat(month.getDouble("budget")).isEqualTo(0.2987);
                assertThat(month.getString("budgetState")).isEqualTo("low");
                assertThat(month.getString("month")).isEqualTo("2026-11");
                JsonArray upstream = body.getJsonArray("upstream");
                assertThat(upstream).hasSize(5);
                assertThat(upstream.getJsonObject(0).getString("id")).isEqualTo("ST-QIPING");
                assertThat(upstream.getJsonObject(0).getValue("month")).isNull();
                assertThat(upstream.getJsonObject(2).getJsonObject("month").getString("budgetState"))
                        .isEqualTo("impossible");
                JsonObject attribution = body.getJsonObject("attribution");
                assertThat(attribution.getString("leading")).isEqualTo("ST-TANGXIA");
                assertThat(attribution.getJsonArray("ranking").getJsonObject(0).getLong("lagMinutes"))
                        .isEqualTo(450);
                assertThat(attribution.getJsonArray("suspects").getString(0)).startsWith("林村表面处理厂");

                assertThat(get(duty, "/api/v1/river/sections/ST-NOWHERE").statusCode())
                        .isEqualTo(404);
                assertThat(get(duty, "/api/v1/river/sections/x'%20OR%20'1'='1").statusCode())
                        .isEqualTo(404);
            }
        }
    }

    private static String month(String station, String site, double mean, double budget, String state, long ts) {
        return new TpMonthPoint(
                        site,
                        station,
                        "2026-11",
                        120,
                        mean,
                        "IV",
                        "IV",
                        0.3,
                        0.3 - mean,
                        120,
                        0,
                        60,
                        budget,
                        state,
                        false,
                        false,
                        ts)
                .toLine();
    }

    private static HttpResponse<String> get(DutyService duty, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + path))
                        .header("Authorization", "Bearer " + DutyServices.MONITOR)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
