package io.envwatch.alerting.complaints;

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

/** GET /api/v1/repeat-cases over a real influxd holding what the job writes. */
class RepeatCasesApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void listsRepeatCasesWithFiltersAndRefusesBadOnes() throws Exception {
        long now = System.currentTimeMillis();
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("repeat");
            String lines = String.join("\n",
                    "repeat_case,category=noise,place=B-FE-01,town=fenggang id=\"B-FE-01:noise:1\",state=\"open\",count=4i,"
                            + "corroborated=3i,last=" + now + "i,complaints=\"C-1,C-2,C-3,C-4\",incidents=\"FE-N01|noise-laeq-1m\" "
                            + (now - 86_400_000L),
                    "repeat_case,category=odour,place=cell:11406:57047,town=tangxia id=\"cell:odour:2\",state=\"closed\","
                            + "count=3i,corroborated=0i,last=" + now + "i,complaints=\"C-7,C-8,C-9\",incidents=\"\" "
                            + (now - 2 * 86_400_000L));
            HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create(influxd.url() + "/write?db=repeat&precision=ms"))
                    .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).isEqualTo(204);
            try (DutyService duty = DutyServices.start(influxd, "repeat")) {
                JsonArray all = new JsonArray(get(duty, "/api/v1/repeat-cases").body());
                assertThat(all).hasSize(2);
                JsonObject newest = all.getJsonObject(0);
                assertThat(newest.getString("place")).isEqualTo("B-FE-01");
                assertThat(newest.getInteger("count")).isEqualTo(4);
                assertThat(newest.getJsonArray("complaints")).hasSize(4);
                assertThat(newest.getJsonArray("incidents").getString(0)).isEqualTo("FE-N01|noise-laeq-1m");
                assertThat(new JsonArray(get(duty, "/api/v1/repeat-cases?town=tangxia").body())).hasSize(1);
                assertThat(new JsonArray(get(duty, "/api/v1/repeat-cases?category=noise&state=open").body())).hasSize(1);
                assertThat(new JsonArray(get(duty, "/api/v1/repeat-cases?state=closed&category=noise").body())).isEmpty();
                HttpResponse<String> bad = get(duty, "/api/v1/repeat-cases?category=smell");
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("category");
                assertThat(get(duty, "/api/v1/repeat-cases?town=x'%20OR%20'1'='1").statusCode()).isEqualTo(400);
            }
        }
    }

    private static HttpResponse<String> get(DutyService duty, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + path))
                        .header("Authorization", "Bearer " + DutyServices.MONITOR).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
