package io.envwatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutySettings;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.staff.StaffDirectory;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every duty settings file the project ships starts a duty service that works: the demo's (the
 * sample, with its published tokens) and the compose stack's (tokens and tip key from the
 * environment), each against a real influxd and Mosquitto, each capability used once.
 */
@Tag("security")
class ShippedDutySettingsIT {
    /** The people of the compose stack's settings, by the variable that holds their token's hash. */
    private static final Map<String, String> COMPOSE_PEOPLE = Map.of(
            "duty-officer",
            "DUTY_OFFICER",
            "duty-leader",
            "DUTY_LEADER",
            "hotline",
            "HOTLINE",
            "fenggang",
            "FENGGANG",
            "monitor",
            "MONITOR",
            "section-chief",
            "SECTION_CHIEF",
            "tangxia",
            "TANGXIA",
            "north",
            "NORTH",
            "city-leader",
            "CITY_LEADER",
            "branch-chief",
            "BRANCH_CHIEF");

    /** What a deployment of the compose stack exports: a hash per person, a tip key. */
    static Map<String, String> composeEnvironment() {
        Map<String, String> env = new HashMap<>();
        COMPOSE_PEOPLE.forEach((person, variable) ->
                env.put("ENVWATCH_TOKEN_SHA256_" + variable, StaffDirectory.sha256(token(person))));
        env.put("ENVWATCH_TIP_KEY", "c2hpcHBlZC1zZXR0aW5ncy10ZXN0LWtleS0zMi1ieXQ=");
        return env;
    }

    private static String token(String person) {
        return "compose-test-" + person;
    }

    @Test
    void theDemoSettingsStartAndEveryCapabilityWorks() throws Exception {
        Registry registry = RegistryLoader.sample();
        DutySettings demo = DutySettingsLoader.parse(
                "duty-sample.yaml", DutySettingsLoader.sampleText(), registry, Map.of("ENVWATCH_DEMO", "true")::get);
        Map<String, String> tokens = new HashMap<>();
        COMPOSE_PEOPLE.keySet().forEach(p -> tokens.put(p, p + "-demo-token"));
        tokens.put("duty-officer", "duty-demo-token");
        tokens.put("duty-leader", "leader-demo-token");
        useEveryCapability("demo", demo, tokens);
    }

    @Test
    void theComposeStacksSettingsStartAndEveryCapabilityWorks() throws Exception {
        DutySettings compose =
                DutySettingsLoader.load(Path.of("duty/duty.yaml"), RegistryLoader.sample(), composeEnvironment()::get);
        Map<String, String> tokens = new HashMap<>();
        COMPOSE_PEOPLE.keySet().forEach(p -> tokens.put(p, token(p)));
        useEveryCapability("compose", compose, tokens);
    }

    private static void useEveryCapability(String which, DutySettings settings, Map<String, String> token)
            throws Exception {
        try (LocalMosquitto broker = LocalMosquitto.start();
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("shipped");
            try (DutyService duty = DutyService.builder(
                            RegistryLoader.sample(), InfluxSettings.v1(influxd.url(), "shipped"))
                    .settings(settings)
                    .port(0)
                    .complaints(ComplaintPublisher.connect(broker.url(), "duty-" + which, null, null))
                    .start()) {
                Api api = new Api(duty);
                List<String> used = new ArrayList<>();
                String observed = OffsetDateTime.now(ZoneOffset.ofHours(8))
                        .minusMinutes(10)
                        .toString();
                String complaint = "{\"category\":\"odour\",\"observedAt\":\"" + observed
                        + "\",\"description\":\"smell\"," + "\"location\":{\"lat\":22.8093,\"lon\":114.0941}}";
                JsonObject receipt = new JsonObject(
                        expect(used, "web complaint", 202, api.post("/api/v1/complaints", null, complaint)));
                expect(
                        used,
                        "complaint follow-up",
                        200,
                        get(duty, "/api/v1/complaints/status", receipt.getString("claimCode")));
                expect(
                        used,
                        "hotline complaint",
                        202,
                        api.post(
                                "/api/v1/complaints",
                                token.get("hotline"),
                                complaint.replace(
                                        "{", "{\"channel\":\"hotline\",\"externalRef\":\"12345-" + which + "\",")));
                JsonObject tip = new JsonObject(
                        expect(
                                used,
                                "tip",
                                201,
                                api.post(
                                        "/api/v1/tips",
                                        null,
                                        "{\"class\":\"hidden-discharge-pipe\",\"town\":\"fenggang\",\"text\":\"pipe by the river\"}")));
                expect(used, "tip follow-up", 200, get(duty, "/api/v1/tips/status", tip.getString("claimCode")));
                expect(used, "tip read", 200, api.get("/api/v1/tips/" + tip.getString("tip"), token.get("fenggang")));
                expect(used, "alerts", 200, api.get("/api/v1/alerts", token.get("duty-officer")));
                expect(used, "whoami", 200, api.get("/api/v1/whoami", token.get("north")));
                expect(used, "map", 200, api.get("/api/v1/map", token.get("tangxia")));
                String caseId = new JsonObject(
                                expect(
                                        used,
                                        "case opened",
                                        201,
                                        api.post(
                                                "/api/v1/cases",
                                                token.get("fenggang"),
                                                "{\"town\":\"fenggang\",\"source\":\"FE-N01\",\"cause\":\"night grinding\",\"households\":20}")))
                        .getString("id");
                assertThat(api.list("/api/v1/cases", token.get("section-chief")).encode())
                        .as("the owner's list")
                        .contains(caseId);
                expect(used, "cases of the branch", 200, api.get("/api/v1/cases", token.get("branch-chief")));
                expect(used, "cases of the city", 200, api.get("/api/v1/cases", token.get("city-leader")));
                expect(
                        used,
                        "campaign",
                        201,
                        api.post(
                                "/api/v1/campaigns",
                                token.get("duty-leader"),
                                "{\"name\":\"Quiet nights\","
                                        + "\"towns\":[\"fenggang\"],\"categories\":[\"noise\"],\"from\":\"2026-11-01\",\"until\":\"2026-11-30\","
                                        + "\"baselineFrom\":\"2025-11-01\",\"baselineUntil\":\"2025-11-30\",\"targets\":{\"complaints\":-30,\"escalated\":-25}}"));
                expect(
                        used,
                        "ratings",
                        200,
                        api.post("/api/v1/ratings/compute?month=2026-10", token.get("duty-leader"), ""));
                expect(used, "river section", 200, api.get("/api/v1/river/sections/ST-QILING", token.get("monitor")));
                expect(used, "deliveries", 200, api.get("/api/v1/deliveries", token.get("duty-officer")));
                expect(used, "repeat cases", 200, api.get("/api/v1/repeat-cases", token.get("duty-officer")));
                expect(used, "ready", 200, api.get("/api/v1/health/ready", null));
                System.out.printf("shipped settings (%s): %s%n", which, String.join(", ", used));
            }
        }
    }

    private static String expect(List<String> used, String what, int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(status);
        used.add(what);
        return response.body();
    }

    private static HttpResponse<String> get(DutyService duty, String path, String claimCode) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + path))
                                .header("X-Claim-Code", claimCode)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
