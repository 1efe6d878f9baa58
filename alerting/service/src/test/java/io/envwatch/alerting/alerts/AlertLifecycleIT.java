package io.envwatch.alerting.alerts;

import static io.envwatch.alerting.DutyServices.DUTY_OFFICER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static io.envwatch.alerting.DutyServices.MONITOR;
import static io.envwatch.alerting.DutyServices.TANGXIA_SQUAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.AlertStatePoint;
import io.envwatch.district.schema.BuildingPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.district.schema.Row;
import io.envwatch.district.schema.SiteStatusPoint;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert lifecycle through the real HTTP API, over a real influxd, with a clock the test moves:
 * incidents as the job stores them become alerts; people move them on within their roles; updates
 * change the alert instead of making new ones; deadlines escalate; a restarted service rebuilds
 * every alert, and its timers, from the stored events.
 */
class AlertLifecycleIT {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalInfluxd influxd;

    @BeforeAll
    static void start() throws Exception {
        influxd = LocalInfluxd.start();
    }

    @AfterAll
    static void stop() {
        influxd.close();
    }

    private static String freshDatabase() {
        String db = "lifecycle" + DATABASES.incrementAndGet();
        influxd.createDatabase(db);
        return db;
    }

    private static DutyService start(String db, MovableClock clock) throws Exception {
        return DutyServices.on(influxd, db).clock(clock).start();
    }

    private static String fenggangNoise(boolean open, double peak, long opened) {
        return JobIncidents.line(
                "FE-N01", "fenggang", "team-fenggang", "noise-laeq-1m", open, peak, "HIGH", opened, "");
    }

    @Test
    void staffMoveAnAlertFromOpenToResolvedWithinTheirRoles() throws Exception {
        String db = freshDatabase();
        MovableClock clock = new MovableClock(Instant.parse("2026-11-21T15:00:00Z"));
        long opened = clock.millis() - 180_000;
        JobIncidents.write(influxd, db, fenggangNoise(true, 71.2, opened));
        try (DutyService duty = start(db, clock)) {
            Api api = new Api(duty);
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            String id = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);

            assertThat(api.get("/api/v1/alerts", null).statusCode()).isEqualTo(401);
            assertThat(api.get("/api/v1/alerts", "not-a-token").statusCode()).isEqualTo(401);
            assertThat(api.get("/api/v1/feed", null).statusCode()).isEqualTo(401);
            assertThat(api.get("/api/v1/map", null).statusCode()).isEqualTo(401);
            assertThat(api.get("/api/v1/health", null).statusCode()).isEqualTo(200);
            // Each capability's router is mounted behind sign-in; what none of them has is a 404.
            for (String path : List.of(
                    "/api/v1/repeat-cases",
                    "/api/v1/deliveries",
                    "/api/v1/river/sections/ST-QILING",
                    "/api/v1/whoami",
                    "/api/v1/alerts/" + id)) {
                assertThat(api.get(path, null).statusCode()).as(path).isEqualTo(401);
            }
            assertThat(api.get("/api/v1/deliveries", MONITOR).statusCode()).isEqualTo(200);
            assertThat(api.get("/api/v1/whoami", MONITOR).statusCode()).isEqualTo(200);
            HttpResponse<String> nothing = api.get("/api/v1/no-such-thing", MONITOR);
            assertThat(nothing.statusCode()).isEqualTo(404);
            assertThat(nothing.body()).contains("no such resource");
            JsonArray active = api.list("/api/v1/alerts?state=active", MONITOR);
            assertThat(active).hasSize(1);
            JsonObject alert = active.getJsonObject(0);
            assertThat(alert.getString("id")).isEqualTo(id);
            assertThat(alert.getString("state")).isEqualTo("open");
            assertThat(alert.getString("team")).isEqualTo("team-fenggang");
            assertThat(alert.getJsonObject("deadline").getString("name")).isEqualTo("acknowledge");
            assertThat(alert.getJsonObject("deadline").getString("at")).isEqualTo("2026-11-21T15:05:00Z");
            assertThat(alert.getJsonArray("buildings")).containsExactly("FG-B01@40.5", "FG-B02@120.0");

            HttpResponse<String> byMonitor = api.post("/api/v1/alerts/" + id + "/ack", MONITOR, "");
            assertThat(byMonitor.statusCode()).isEqualTo(403);
            assertThat(byMonitor.body()).contains("monitor");
            HttpResponse<String> byOtherTown = api.post("/api/v1/alerts/" + id + "/ack", TANGXIA_SQUAD, "");
            assertThat(byOtherTown.statusCode()).isEqualTo(403);
            assertThat(byOtherTown.body()).contains("fenggang");
            assertThat(api.post("/api/v1/alerts/" + id + "/dispatch", FENGGANG_SQUAD, "")
                            .statusCode())
                    .as("dispatch before acknowledgement")
                    .isEqualTo(409);

            clock.advance(Duration.ofMinutes(2));
            HttpResponse<String> ack =
                    api.post("/api/v1/alerts/" + id + "/ack", FENGGANG_SQUAD, "{\"note\":\"on it\"}");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            assertThat(new JsonObject(ack.body()).getString("state")).isEqualTo("acknowledged");
            assertThat(new JsonObject(ack.body()).getJsonObject("deadline").getString("at"))
                    .isEqualTo("2026-11-21T15:32:00Z");
            assertThat(api.post("/api/v1/alerts/" + id + "/ack", DUTY_OFFICER, "")
                            .statusCode())
                    .isEqualTo(409);

            assertThat(api.post("/api/v1/alerts/" + id + "/dispatch", DUTY_OFFICER, "{\"note\":\"squad car 3\"}")
                            .statusCode())
                    .isEqualTo(200);
            clock.advance(Duration.ofMinutes(18));
            assertThat(api.post("/api/v1/alerts/" + id + "/on-scene", FENGGANG_SQUAD, "")
                            .statusCode())
                    .isEqualTo(200);

            assertThat(api.post("/api/v1/alerts/" + id + "/resolve", FENGGANG_SQUAD, "")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(api.post("/api/v1/alerts/" + id + "/resolve", FENGGANG_SQUAD, "{\"code\":\"fixed-it\"}")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(api.post("/api/v1/alerts/" + id + "/resolve", FENGGANG_SQUAD, "{not json")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(api.post(
                                    "/api/v1/alerts/" + id + "/resolve",
                                    FENGGANG_SQUAD,
                                    "{\"note\":" + "\"x".repeat(1) + "\"}")
                            .statusCode())
                    .as("no code")
                    .isEqualTo(400);
            assertThat(api.post("/api/v1/alerts/" + id + "/resolve", FENGGANG_SQUAD, "x".repeat(9000))
                            .statusCode())
                    .isEqualTo(413);
            HttpResponse<String> resolved = api.post(
                    "/api/v1/alerts/" + id + "/resolve",
                    FENGGANG_SQUAD,
                    "{\"code\":\"violation-confirmed\",\"note\":\"fan housing open; order issued\"}");
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
            assertThat(api.post("/api/v1/alerts/" + id + "/nonsense", DUTY_OFFICER, "")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(api.post("/api/v1/alerts/no-such-alert/ack", DUTY_OFFICER, "")
                            .statusCode())
                    .isEqualTo(404);

            JsonObject detail = api.object("/api/v1/alerts/" + id, MONITOR);
            assertThat(detail.getString("state")).isEqualTo("resolved");
            assertThat(detail.getJsonObject("resolution").getString("code")).isEqualTo("violation-confirmed");
            assertThat(detail.getString("acknowledgedBy")).isEqualTo("fenggang-squad");
            assertThat(detail.getString("dispatchNote")).isEqualTo("squad car 3");
            assertThat(detail.getDouble("minutesToScene")).isEqualTo(18.0);
            assertThat(detail.containsKey("deadline")).isFalse();
            assertThat(actions(detail)).containsExactly("opened", "acknowledged", "dispatched", "on-scene", "resolved");
            assertThat(actors(detail))
                    .containsExactly("envwatch", "fenggang-squad", "duty-officer", "fenggang-squad", "fenggang-squad");
            assertThat(api.list("/api/v1/alerts?state=active", MONITOR)).isEmpty();
            assertThat(api.list("/api/v1/alerts?state=resolved&town=fenggang", MONITOR))
                    .hasSize(1);
            assertThat(api.get("/api/v1/alerts?state=sleeping", MONITOR).statusCode())
                    .isEqualTo(400);

            // What the boards read: the alert as it stands (one point, overwritten) and its site.
            InfluxQlRows stored = new InfluxQlRows(InfluxSettings.v1(influxd.url(), db));
            List<Row> state = stored.rows(InfluxQl.selectAll(AlertStatePoint.MEASUREMENT));
            assertThat(state).hasSize(1);
            assertThat(state.get(0).text(AlertStatePoint.ALERT)).isEqualTo(id);
            assertThat(state.get(0).text(AlertStatePoint.STATE)).isEqualTo("resolved");
            assertThat(state.get(0).number(AlertStatePoint.MINUTES_TO_SCENE)).isEqualTo(18.0);
            assertThat(state.get(0).number(AlertStatePoint.ON_SCENE_IN_TIME)).isEqualTo(1.0);
            assertThat(state.get(0).text(AlertStatePoint.ACKNOWLEDGED_BY)).isEqualTo("fenggang-squad");
            assertThat(stored.rows("SELECT last(" + SiteStatusPoint.STATUS.quoted() + ") AS "
                                    + SiteStatusPoint.STATUS.quoted() + " FROM " + SiteStatusPoint.MEASUREMENT.quoted()
                                    + " WHERE " + SiteStatusPoint.SITE.is("FE-N01"))
                            .get(0)
                            .text(SiteStatusPoint.STATUS))
                    .isEqualTo("ok");
            assertThat(stored.rows(InfluxQl.selectAll(BuildingPoint.MEASUREMENT)))
                    .hasSize(RegistryLoader.sample().buildings().size());
        }
    }

    @Test
    void anIncidentKeepsOneAlertThroughUpdatesAutoResolutionAndReopening() throws Exception {
        String db = freshDatabase();
        MovableClock clock = new MovableClock(Instant.parse("2026-11-21T16:00:00Z"));
        long opened = clock.millis() - 60_000;
        JobIncidents.write(influxd, db, fenggangNoise(true, 70.0, opened));
        try (DutyService duty = start(db, clock)) {
            Api api = new Api(duty);
            // 16:00 UTC is midnight in the district (UTC+8): its date, on the service's clock, is the next day's.
            assertThat(api.object("/api/v1/whoami", MONITOR).getString("today")).isEqualTo("2026-11-22");
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            String id = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);

            JobIncidents.write(
                    influxd,
                    db,
                    JobIncidents.line(
                            "FE-N01",
                            "fenggang",
                            "team-fenggang",
                            "noise-laeq-1m",
                            true,
                            74.5,
                            "CRITICAL",
                            opened,
                            "C-1"));
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            assertThat(duty.pollIncidentsNow().get(10, TimeUnit.SECONDS))
                    .as("nothing changed, nothing recorded")
                    .isZero();
            JsonObject updated = api.object("/api/v1/alerts/" + id, MONITOR);
            assertThat(updated.getDouble("peak")).isEqualTo(74.5);
            assertThat(updated.getString("severity")).isEqualTo("CRITICAL");
            assertThat(updated.getJsonArray("complaints")).containsExactly("C-1");

            clock.advance(Duration.ofMinutes(3));
            JobIncidents.write(
                    influxd,
                    db,
                    JobIncidents.line(
                            "FE-N01",
                            "fenggang",
                            "team-fenggang",
                            "noise-laeq-1m",
                            false,
                            74.5,
                            "CRITICAL",
                            opened,
                            "C-1"));
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            assertThat(api.object("/api/v1/alerts/" + id, MONITOR).getString("state"))
                    .as("ended before anybody acknowledged")
                    .isEqualTo("auto-resolved");

            clock.advance(Duration.ofMinutes(20));
            long again = clock.millis() - 30_000;
            JobIncidents.write(influxd, db, fenggangNoise(true, 69.0, again));
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            JsonArray all = api.list("/api/v1/alerts", MONITOR);
            assertThat(all)
                    .as("the same site exceeding again reopens, it does not add")
                    .hasSize(1);
            JsonObject reopened = all.getJsonObject(0);
            assertThat(reopened.getString("state")).isEqualTo("reopened");
            assertThat(reopened.getInteger("reopenCount")).isEqualTo(1);
            assertThat(reopened.getJsonArray("incidents"))
                    .containsExactly(id, JobIncidents.id("FE-N01", "noise-laeq-1m", again));
            assertThat(actions(api.object("/api/v1/alerts/" + id, MONITOR)))
                    .containsExactly("opened", "updated", "auto-resolved", "reopened");

            clock.advance(Duration.ofMinutes(10));
            JobIncidents.write(influxd, db, fenggangNoise(false, 69.0, again));
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            clock.advance(Duration.ofHours(2).plusMinutes(1));
            long later = clock.millis() - 10_000;
            JobIncidents.write(influxd, db, fenggangNoise(true, 68.0, later));
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            assertThat(api.list("/api/v1/alerts", MONITOR))
                    .as("past the reopening window: a new alert")
                    .hasSize(2);
        }
    }

    @Test
    void missedDeadlinesEscalateOnceAndTimersSurviveARestart() throws Exception {
        String db = freshDatabase();
        MovableClock clock = new MovableClock(Instant.parse("2026-11-21T17:00:00Z"));
        long opened = clock.millis() - 10_000;
        JobIncidents.write(influxd, db, fenggangNoise(true, 70.0, opened));
        String id = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);
        try (DutyService duty = start(db, clock)) {
            Api api = new Api(duty);
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            clock.advance(Duration.ofMinutes(4));
            assertThat(duty.checkDeadlinesNow().get(10, TimeUnit.SECONDS)).isZero();
            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            // The service's own once-a-second check may get there first: either way, exactly once.
            duty.checkDeadlinesNow().get(10, TimeUnit.SECONDS);
            assertThat(duty.checkDeadlinesNow().get(10, TimeUnit.SECONDS))
                    .as("escalates once")
                    .isZero();
            JsonObject escalated = api.object("/api/v1/alerts/" + id, MONITOR);
            assertThat(escalated.getString("severity")).isEqualTo("CRITICAL");
            assertThat(escalated.getJsonArray("breaches")).containsExactly("acknowledge");
            assertThat(api.post("/api/v1/alerts/" + id + "/ack", DUTY_OFFICER, "")
                            .statusCode())
                    .isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(31));
        try (DutyService restarted = start(db, clock)) {
            Api api = new Api(restarted);
            JsonObject recovered = api.object("/api/v1/alerts/" + id, MONITOR);
            assertThat(recovered.getString("state")).isEqualTo("acknowledged");
            assertThat(recovered.getString("acknowledgedBy")).isEqualTo("duty-officer");
            assertThat(actions(recovered)).startsWith("opened", "escalated", "acknowledged");
            assertThat(restarted.pollIncidentsNow().get(10, TimeUnit.SECONDS))
                    .as("no repeated opening")
                    .isZero();
            // The on-scene deadline passed while the service was down: the first check after start finds it.
            restarted.checkDeadlinesNow().get(10, TimeUnit.SECONDS);
            assertThat(restarted.checkDeadlinesNow().get(10, TimeUnit.SECONDS)).isZero();
            JsonObject late = api.object("/api/v1/alerts/" + id, MONITOR);
            assertThat(late.getJsonArray("breaches")).containsExactly("acknowledge", "on-scene");
            assertThat(late.getInteger("escalations")).isEqualTo(2);
            assertThat(actions(late)).containsExactly("opened", "escalated", "acknowledged", "escalated");
        }
    }

    @Test
    void anOpenRepeatCaseAboutTheSitesHomesRaisesTheAlertsSeverity() throws Exception {
        String db = freshDatabase();
        MovableClock clock = new MovableClock(Instant.parse("2026-11-21T19:00:00Z"));
        long opened = clock.millis() - 60_000;
        JobIncidents.write(
                influxd,
                db,
                fenggangNoise(true, 70.0, opened),
                new RepeatCasePoint(
                                "FG-B01",
                                "noise",
                                "fenggang",
                                "RC-FG-B01-noise",
                                "open",
                                3,
                                2,
                                clock.millis(),
                                List.of("C-1", "C-2", "C-3"),
                                List.of("FE-N01|noise-laeq-1m"),
                                clock.millis() - 10 * 86_400_000L)
                        .toLine(),
                new RepeatCasePoint(
                                "FG-B02",
                                "odour",
                                "fenggang",
                                "RC-closed",
                                "closed",
                                3,
                                0,
                                clock.millis(),
                                List.of(),
                                List.of(),
                                clock.millis() - 10 * 86_400_000L)
                        .toLine());
        try (DutyService duty = start(db, clock)) {
            duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
            JsonObject alert = new Api(duty)
                    .object("/api/v1/alerts/" + JobIncidents.id("FE-N01", "noise-laeq-1m", opened), MONITOR);
            assertThat(alert.getString("severity"))
                    .as("HIGH from the job, a step up for the repeat case")
                    .isEqualTo("CRITICAL");
            assertThat(alert.getString("repeatCase")).isEqualTo("RC-FG-B01-noise");
        }
    }

    private static List<String> actions(JsonObject detail) {
        return detail.getJsonArray("history").stream()
                .map(h -> ((JsonObject) h).getString("action"))
                .toList();
    }

    private static List<String> actors(JsonObject detail) {
        return detail.getJsonArray("history").stream()
                .map(h -> ((JsonObject) h).getString("actor"))
                .toList();
    }
}
