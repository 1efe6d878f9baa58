package io.envwatch.alerting.cases;

import static io.envwatch.alerting.DutyServices.BRANCH_CHIEF;
import static io.envwatch.alerting.DutyServices.CITY_LEADER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static io.envwatch.alerting.DutyServices.MONITOR;
import static io.envwatch.alerting.DutyServices.SECTION_CHIEF;
import static io.envwatch.alerting.DutyServices.TANGXIA_SQUAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.schema.CaseStatePoint;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.IncidentPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.district.schema.Row;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ledger through the real duty service on a real influxd: a case opened by the town's squad,
 * planned, escalated once when its deadline passes, verified, refused close-out until its source
 * has been quiet for the evidence period, signed off by its owner, reopened by a corroborated
 * complaint, recovered whole after a restart; and a case proposed from the job's repeat case.
 */
class CasesApiIT {
    private static final long DAY = 86_400_000L;
    private static final Instant T = Instant.parse("2026-11-20T02:00:00Z");

    @Test
    void aCaseLivesFromOpeningToCloseOutAndBackAndSurvivesARestart() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("cases");
            long t = T.toEpochMilli();
            // What the job stored: the factory's last incident ended 40 days ago, the last complaint
            // its exceedance corroborated was 35 days ago.
            JobIncidents.write(
                    influxd,
                    "cases",
                    new IncidentPoint(
                                    "FE-N01",
                                    "fenggang",
                                    "team-fenggang",
                                    "noise-laeq-1m",
                                    "FE-N01:noise-laeq-1m:1",
                                    "closed",
                                    "noise",
                                    "dB(A)",
                                    t - 40 * DAY,
                                    70,
                                    60,
                                    55,
                                    "night",
                                    "HIGH",
                                    List.of(),
                                    -1,
                                    List.of(),
                                    List.of(),
                                    t - 41 * DAY)
                            .toLine(),
                    complaint("C-old", t - 35 * DAY));
            MovableClock clock = new MovableClock(T);
            String id;
            try (DutyService duty =
                    DutyServices.on(influxd, "cases").clock(clock).start()) {
                Api api = new Api(duty);
                assertThat(api.post(
                                        "/api/v1/cases",
                                        FENGGANG_SQUAD,
                                        "{\"town\":\"atlantis\",\"source\":\"FE-N01\"," + "\"cause\":\"x\"}")
                                .body())
                        .contains("\"field\":\"town\"");
                assertThat(api.post("/api/v1/cases", FENGGANG_SQUAD, "{\"town\":\"fenggang\"}")
                                .body())
                        .contains("\"field\":\"source\"");
                assertThat(api.post("/api/v1/cases", FENGGANG_SQUAD, "[1]").statusCode())
                        .isEqualTo(400);
                assertThat(api.post("/api/v1/cases", MONITOR, open()).statusCode())
                        .isEqualTo(403);

                HttpResponse<String> opened = api.post("/api/v1/cases", FENGGANG_SQUAD, open());
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
                JsonObject c = new JsonObject(opened.body());
                id = c.getString("id");
                assertThat(c.getString("owner")).isEqualTo("fenggang-section-chief");
                assertThat(c.getString("state")).isEqualTo("open");

                assertThat(api.post(
                                        "/api/v1/cases/" + id + "/plan",
                                        FENGGANG_SQUAD,
                                        "{\"opinion\":\"enclose the grinder\"," + "\"deadline\":\""
                                                + T.plus(Duration.ofDays(10)) + "\"}")
                                .statusCode())
                        .isEqualTo(200);
                clock.advance(Duration.ofDays(11));
                duty.pollCasesNow().get(10, TimeUnit.SECONDS);
                duty.pollCasesNow().get(10, TimeUnit.SECONDS);
                JsonObject late = api.object("/api/v1/cases/" + id, SECTION_CHIEF);
                assertThat(late.getJsonArray("timeline").stream()
                                .map(JsonObject.class::cast)
                                .filter(e -> "escalated".equals(e.getString("action")))
                                .toList())
                        .as("escalated once, to the owner's superior")
                        .singleElement()
                        .satisfies(e -> assertThat(e.getString("escalatedTo")).isEqualTo("branch-chief"));
                assertThat(api.list("/api/v1/cases?overdue=true", BRANCH_CHIEF)).hasSize(1);

                assertThat(api.post("/api/v1/cases/" + id + "/verify", FENGGANG_SQUAD, "{\"note\":\"enclosure built\"}")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(api.post("/api/v1/cases/" + id + "/close-out", FENGGANG_SQUAD, "")
                                .statusCode())
                        .as("only the owner signs off")
                        .isEqualTo(403);
                HttpResponse<String> early = api.post("/api/v1/cases/" + id + "/close-out", SECTION_CHIEF, "");
                assertThat(early.statusCode()).isEqualTo(409);
                assertThat(early.body())
                        .as("the district's wall clock")
                        .contains("may be closed out from 2026-12-20 10:00:00");
                JsonObject evidence =
                        api.object("/api/v1/cases/" + id, SECTION_CHIEF).getJsonObject("evidence");
                assertThat(evidence.getString("lastExceedance"))
                        .isEqualTo(T.minus(Duration.ofDays(40)).toString());
                assertThat(evidence.getString("lastCorroboratedComplaint"))
                        .isEqualTo(T.minus(Duration.ofDays(35)).toString());
                assertThat(evidence.getBoolean("met")).isFalse();

                clock.advance(Duration.ofDays(20)); // 31 days after opening
                HttpResponse<String> signed = api.post(
                        "/api/v1/cases/" + id + "/close-out", SECTION_CHIEF, "{\"note\":\"quiet for a month\"}");
                assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
                assertThat(new JsonObject(signed.body()).getString("state")).isEqualTo("closed-out");

                assertThat(api.list("/api/v1/cases?state=closed-out&town=fenggang", CITY_LEADER))
                        .hasSize(1);
                assertThat(api.list("/api/v1/cases", TANGXIA_SQUAD))
                        .as("another town's squad")
                        .isEmpty();
                assertThat(api.get("/api/v1/cases/" + id, TANGXIA_SQUAD).statusCode())
                        .isEqualTo(404);
                assertThat(api.get("/api/v1/cases?state=asleep", MONITOR).statusCode())
                        .isEqualTo(400);

                // A complaint the factory's exceedance corroborates after the close-out opens the case again.
                JobIncidents.write(influxd, "cases", complaint("C-new", clock.millis() + DAY));
                clock.advance(Duration.ofDays(2));
                duty.pollCasesNow().get(10, TimeUnit.SECONDS);
                assertThat(api.object("/api/v1/cases/" + id, MONITOR).getString("state"))
                        .isEqualTo("open");
            }

            // A restart rebuilds the ledger from its events: the same case, state and timeline.
            try (DutyService again =
                    DutyServices.on(influxd, "cases").clock(clock).start()) {
                JsonObject c = new Api(again).object("/api/v1/cases/" + id, MONITOR);
                assertThat(c.getString("state")).isEqualTo("open");
                assertThat(c.getJsonArray("timeline").stream()
                                .map(e -> ((JsonObject) e).getString("action"))
                                .toList())
                        .containsExactly("opened", "rectifying", "escalated", "verifying", "closed-out", "reopened");
                List<Row> board = new InfluxQlRows(InfluxSettings.v1(influxd.url(), "cases"))
                        .rows(InfluxQl.selectAll(CaseStatePoint.MEASUREMENT));
                assertThat(board).singleElement().satisfies(r -> {
                    assertThat(r.text(CaseStatePoint.STATE)).isEqualTo("open");
                    assertThat(r.text(CaseStatePoint.OWNER)).isEqualTo("fenggang-section-chief");
                    assertThat(r.text(CaseStatePoint.VILLAGE))
                            .as("the factory's village")
                            .isEqualTo("FG-FENGDELING");
                });
            }
        }
    }

    @Test
    void theJobsRepeatCaseProposesACaseOnce() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("proposals");
            long t = T.toEpochMilli();
            JobIncidents.write(
                    influxd,
                    "proposals",
                    new RepeatCasePoint(
                                    "B-FE-02",
                                    "noise",
                                    "fenggang",
                                    "B-FE-02:noise:1",
                                    "open",
                                    3,
                                    3,
                                    t - DAY,
                                    List.of("C-1", "C-2", "C-3"),
                                    List.of("FE-N02|noise-laeq-1m"),
                                    t - 5 * DAY)
                            .toLine());
            try (DutyService duty = DutyServices.on(influxd, "proposals")
                    .clock(new MovableClock(T))
                    .start()) {
                assertThat(duty.pollCasesNow().get(10, TimeUnit.SECONDS)).isEqualTo(1);
                assertThat(duty.pollCasesNow().get(10, TimeUnit.SECONDS)).isZero();
                JsonArray cases = new Api(duty).list("/api/v1/cases", SECTION_CHIEF);
                assertThat(cases).singleElement().satisfies(o -> {
                    JsonObject c = (JsonObject) o;
                    assertThat(c.getString("source")).isEqualTo("FE-N02");
                    assertThat(c.getJsonArray("repeatCases").getList()).containsExactly("B-FE-02:noise:1");
                    assertThat(c.getJsonArray("homes").getList()).containsExactly("B-FE-02");
                });
            }
        }
    }

    private static String open() {
        return "{\"town\":\"fenggang\",\"source\":\"FE-N01\",\"cause\":\"night grinding next to Block 3\","
                + "\"households\":20,\"unit\":\"Fenggang Metalworks\",\"homes\":[\"B-FE-01\"]}";
    }

    private static String complaint(String id, long observedAt) {
        return new ComplaintPoint(
                        "noise",
                        "fenggang",
                        "hotline",
                        "metal surface treatment",
                        false,
                        id,
                        22.7,
                        114.1,
                        "",
                        "",
                        "",
                        observedAt,
                        "corroborated",
                        true,
                        "1 of 1 sensors in range exceeded their limit",
                        List.of(),
                        List.of("FE-N01"),
                        observedAt)
                .toLine();
    }

    /**
     * Who a case concerns: registered at the opening and again as it develops, rebuilt after a
     * restart; a key person given by name or contact is refused and never reaches InfluxDB.
     */
    @Test
    void peopleInvolvedKeyPersonsAndAForecastAreRegisteredAndNoIdentityIsStored() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("people");
            MovableClock clock = new MovableClock(T);
            String id;
            try (DutyService duty =
                    DutyServices.on(influxd, "people").clock(clock).start()) {
                Api api = new Api(duty);
                HttpResponse<String> named = api.post(
                        "/api/v1/cases",
                        FENGGANG_SQUAD,
                        "{\"town\":\"fenggang\",\"source\":\"FE-N01\",\"cause\":\"night grinding\","
                                + "\"keyPersons\":[\"张三 13800138000\"]}");
                assertThat(named.statusCode()).isEqualTo(400);
                assertThat(new JsonObject(named.body()).getString("field")).isEqualTo("keyPersons");
                assertThat(new JsonObject(named.body()).getString("problem")).isEqualTo("error.case.key-person");

                JsonObject opened = new JsonObject(api.post(
                                "/api/v1/cases",
                                FENGGANG_SQUAD,
                                "{\"town\":\"fenggang\",\"source\":\"FE-N01\",\"cause\":\"night grinding\","
                                        + "\"peopleInvolved\":40,\"keyPersons\":[\"KP-7F3A21\"],"
                                        + "\"forecast\":\"a joint petition if night work goes on\"}")
                        .body());
                id = opened.getString("id");
                assertThat(opened.getLong("peopleInvolved")).isEqualTo(40);
                clock.advance(Duration.ofDays(3));
                HttpResponse<String> update = api.post(
                        "/api/v1/cases/" + id + "/people",
                        FENGGANG_SQUAD,
                        "{\"peopleInvolved\":120,\"keyPersons\":[\"KP-7F3A21\",\"KP-0B99\"],"
                                + "\"forecast\":\"a petition to the city is likely\"}");
                assertThat(update.statusCode()).isEqualTo(200);
                assertThat(api.post(
                                        "/api/v1/cases/" + id + "/people",
                                        FENGGANG_SQUAD,
                                        "{\"keyPersons\":[\"zhang.san@example.com\"]}")
                                .statusCode())
                        .isEqualTo(400);
                assertThat(api.post("/api/v1/cases/" + id + "/people", TANGXIA_SQUAD, "{\"peopleInvolved\":1}")
                                .statusCode())
                        .as("another town's squad does not see the case")
                        .isEqualTo(404);
            }
            try (DutyService again =
                    DutyServices.on(influxd, "people").clock(clock).start()) {
                JsonObject c = new Api(again).object("/api/v1/cases/" + id, MONITOR);
                assertThat(c.getLong("peopleInvolved")).isEqualTo(120);
                assertThat(c.getJsonArray("keyPersons")).containsExactly("KP-7F3A21", "KP-0B99");
                assertThat(c.getString("forecast")).isEqualTo("a petition to the city is likely");
                assertThat(c.getJsonArray("timeline").stream()
                                .map(e -> ((JsonObject) e).getString("action"))
                                .toList())
                        .containsExactly("opened", "people");
            }
            // Everything the ledger stored, as text: the references, never the identities refused.
            String stored = new InfluxQlRows(InfluxSettings.v1(influxd.url(), "people"))
                    .rows("SELECT * FROM case_event, case_state")
                    .toString();
            assertThat(stored)
                    .contains("KP-0B99")
                    .doesNotContain("张三")
                    .doesNotContain("13800138000")
                    .doesNotContain("zhang.san");
        }
    }
}
