package io.envwatch.alerting.river;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClientFactory;
import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** GET /api/v1/river/sections/{id} over a real influxd holding what the job writes. */
class RiverSectionApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long T = 1_795_000_000_000L;

    @Test
    void theSectionsMonthProjectionUpstreamStationsAndSuspects() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("river");
            String lines = String.join("\n",
                    month("ST-QILING", "W-QILING", 0.27, 0.3096, "low", T - 3_600_000L),
                    month("ST-QILING", "W-QILING", 0.28, 0.2987, "low", T),
                    month("ST-TANGXIA", "W-TANGXIA", 0.51, -0.1, "impossible", T),
                    "tp_attribution,section=ST-QILING leading=\"ST-TANGXIA\",section_value=0.43,baseline=0.18,rise=0.25,"
                            + "ranking=\"ST-TANGXIA:0.71:0.93:450,ST-CHANGPING:0.05:0.07:120\","
                            + "suspects=\"Lincun Surface Treatment (metal surface treatment) @1812 m\" " + T);
            HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create(influxd.url() + "/write?db=river&precision=ms"))
                    .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).isEqualTo(204);
            try (DutyService duty = DutyServices.start(influxd, "river")) {
                HttpResponse<String> response = get(duty, "/api/v1/river/sections/ST-QILING");
                assertThat(response.statusCode()).isEqualTo(200);
                JsonObject body = new JsonObject(response.body());
                assertThat(body.getJsonObject("section").getString("name")).isEqualTo("Qiling");
                assertThat(body.getJsonObject("section").getBoolean("assessmentSection")).isTrue();
                JsonObject month = body.getJsonObject("month");
                assertThat(month.getDouble("mean")).isEqualTo(0.28);
                assertThat(month.getDouble("budget")).isEqualTo(0.2987);
                assertThat(month.getString("budgetState")).isEqualTo("low");
                assertThat(month.getString("month")).isEqualTo("2026-11");
                JsonArray upstream = body.getJsonArray("upstream");
                assertThat(upstream).hasSize(5);
                assertThat(upstream.getJsonObject(0).getString("id")).isEqualTo("ST-QIPING");
                assertThat(upstream.getJsonObject(0).getValue("month")).isNull();
                assertThat(upstream.getJsonObject(2).getJsonObject("month").getString("budgetState")).isEqualTo("impossible");
                JsonObject attribution = body.getJsonObject("attribution");
                assertThat(attribution.getString("leading")).isEqualTo("ST-TANGXIA");
                assertThat(attribution.getJsonArray("ranking").getJsonObject(0).getLong("lagMinutes")).isEqualTo(450);
                assertThat(attribution.getJsonArray("suspects").getString(0)).startsWith("Lincun Surface Treatment");

                assertThat(get(duty, "/api/v1/river/sections/ST-NOWHERE").statusCode()).isEqualTo(404);
                assertThat(get(duty, "/api/v1/river/sections/x'%20OR%20'1'='1").statusCode()).isEqualTo(404);
            }
        }
    }

    private static String month(String station, String site, double mean, double budget, String state, long ts) {
        return "tp_month,month=2026-11,site=" + site + ",station=" + station + " samples=120i,mean=" + mean
                + ",class=\"IV\",target_class=\"IV\",limit=0.3,margin=" + (0.3 - mean) + ",expected_so_far=120,missing=0,"
                + "expected_remaining=60,budget=" + budget + ",budget_state=\"" + state + "\",insufficient=false,closed=false " + ts;
    }

    private static HttpResponse<String> get(DutyService duty, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + path))
                        .header("Authorization", "Bearer " + DutyServices.MONITOR).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
