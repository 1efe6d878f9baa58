package io.envwatch.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClientFactory;
import io.envwatch.alerting.DutyService;
import io.envwatch.ingest.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The duty service's alert list over a real influxd, called with a real HTTP client. */
class AlertsApiIT {
    private static LocalInfluxd influxd;
    private static DutyService service;
    private static Vertx vertx;
    private static WebClient client;
    private static final long OPENED = Instant.now().minusSeconds(600).toEpochMilli();

    @BeforeAll
    static void start() throws Exception {
        influxd = LocalInfluxd.start();
        influxd.createDatabase("duty");
        String lines = String.join("\n",
                alert("FE-N01", "fenggang", "team-fenggang", "open", 71.2, 55, OPENED),
                alert("TA-N02", "tangxia", "team-tangxia", "cleared", 66.0, 65, OPENED + 1000),
                alert("CH-N01", "changping", "team-north", "open", 58.0, 55, OPENED - 3 * 24 * 3600 * 1000L));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(influxd.url() + "/write?db=duty&precision=ms"))
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        service = DutyService.start(RegistryLoader.sample(),
                InfluxDBClientFactory.createV1(influxd.url(), null, new char[0], "duty", null), "duty", 0);
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
    }

    private static String alert(String site, String town, String team, String state, double peak, double limit, long opened) {
        return "duty_alert,kind=noise-limit,site=" + site + ",team=" + team + ",town=" + town
                + " id=\"" + site + ":noise-limit:" + opened + "\",state=\"" + state + "\",quantity=\"noise\",value=" + peak
                + ",peak=" + peak + ",limit=" + limit + ",period=\"night\",updated_at=" + opened + "i,severity=\"HIGH\""
                + ",buildings=\"B-1@40.5,B-2@120.0\" " + opened;
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        vertx.close();
        service.close();
        influxd.close();
    }

    private HttpResponse<Buffer> get(String path) throws Exception {
        return client.get(service.port(), "127.0.0.1", path).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void listsTheLastDaysAlertsNewestFirst() throws Exception {
        HttpResponse<Buffer> response = get("/api/v1/alerts");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray alerts = response.bodyAsJsonArray();
        assertThat(alerts).hasSize(2);
        JsonObject newest = alerts.getJsonObject(0);
        assertThat(newest.getString("site")).isEqualTo("TA-N02");
        assertThat(alerts.getJsonObject(1).getString("id")).isEqualTo("FE-N01:noise-limit:" + OPENED);
        assertThat(alerts.getJsonObject(1).getDouble("peak")).isEqualTo(71.2);
        assertThat(alerts.getJsonObject(1).getString("team")).isEqualTo("team-fenggang");
        assertThat(alerts.getJsonObject(1).getString("severity")).isEqualTo("HIGH");
        assertThat(alerts.getJsonObject(1).getJsonArray("buildings")).containsExactly("B-1@40.5", "B-2@120.0");
    }

    @Test
    void filtersByStateTownAndSince() throws Exception {
        assertThat(get("/api/v1/alerts?state=open").bodyAsJsonArray()).extracting(a -> ((JsonObject) a).getString("site"))
                .containsExactly("FE-N01");
        assertThat(get("/api/v1/alerts?town=tangxia").bodyAsJsonArray()).hasSize(1);
        assertThat(get("/api/v1/alerts?kind=noise-limit").bodyAsJsonArray()).hasSize(2);
        assertThat(get("/api/v1/alerts?kind=odour-h2s").bodyAsJsonArray()).isEmpty();
        String since = Instant.ofEpochMilli(OPENED - 4 * 24 * 3600 * 1000L).toString();
        assertThat(get("/api/v1/alerts?since=" + since).bodyAsJsonArray()).hasSize(3);
        assertThat(get("/api/v1/alerts?since=" + since + "&limit=1").bodyAsJsonArray()).hasSize(1);
    }

    @Test
    void badParametersAreRefusedNamingTheField() throws Exception {
        for (String[] c : new String[][] {
                {"state=burning", "state"}, {"town=atlantis", "town"}, {"since=yesterday", "since"},
                {"limit=0", "limit"}, {"town=x'%20OR%201=1", "town"}, {"kind=Noise'", "kind"}}) {
            HttpResponse<Buffer> response = get("/api/v1/alerts?" + c[0]);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getString("field")).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(get("/api/v1/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/health").bodyAsJsonObject().getString("status")).isEqualTo("ok");
    }
}
