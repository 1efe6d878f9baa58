package io.envwatch.alerting.places;

import static io.envwatch.alerting.DutyServices.DUTY_OFFICER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static io.envwatch.alerting.DutyServices.TANGXIA_SQUAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.schema.IncidentPoint;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * November 2026 in the sample's three villages of Fenggang, counted by hand: complaints (one of them
 * in October, one outside every village), corroborated and escalated ones, incidents, and a ledger
 * case opened about a factory in 凤德岭村; ranked by complaints; a squad sees its own town's villages.
 */
class VillagesApiIT {
    private static final Instant NOV_10 = Instant.parse("2026-11-10T02:00:00Z");
    private int n;

    @Test
    void aMonthsFiguresPerVillageAreTheHandCountedOnes() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("villages");
            List<String> lines = new ArrayList<>();
            // 雁田村: 4 complaints (3 corroborated, 1 escalated); 凤德岭村: 2 (1 corroborated); 三联村: none.
            for (int i = 0; i < 4; i++) {
                lines.add(JobIncidents.complaint(
                        "C-" + (n++),
                        "FG-YANTIAN",
                        "hotline",
                        i < 3,
                        i == 0,
                        NOV_10.plusSeconds(3600L * i).toEpochMilli()));
            }
            lines.add(JobIncidents.complaint(
                    "C-" + (n++), "FG-FENGDELING", "hotline", true, false, NOV_10.toEpochMilli()));
            lines.add(JobIncidents.complaint(
                    "C-" + (n++),
                    "FG-FENGDELING",
                    "hotline",
                    false,
                    false,
                    NOV_10.plusSeconds(60).toEpochMilli()));
            lines.add(JobIncidents.complaint(
                    "C-" + (n++),
                    "FG-FENGDELING",
                    "hotline",
                    true,
                    true,
                    Instant.parse("2026-10-20T02:00:00Z").toEpochMilli())); // October
            lines.add(JobIncidents.complaint(
                    "C-" + (n++), null, "hotline", true, false, NOV_10.toEpochMilli())); // in no village
            lines.add(incident("FE-N01", "FG-FENGDELING", NOV_10));
            lines.add(incident("FE-N02", "FG-YANTIAN", NOV_10.plusSeconds(60)));
            lines.add(incident("FE-N02", "FG-YANTIAN", Instant.parse("2026-11-30T15:59:00Z"))); // 23:59 on the 30th
            // The duty room's response to alerts of the villages' sites: 雁田村 once in time (20 min) and
            // once late (40 min), 凤德岭村 once in time (10 min).
            lines.add(alertState("A-1", "FE-N02", 20, true, NOV_10));
            lines.add(alertState("A-2", "FE-N02", 40, false, NOV_10.plusSeconds(3600)));
            lines.add(alertState("A-3", "FE-N01", 10, true, NOV_10.plusSeconds(7200)));
            JobIncidents.write(influxd, "villages", lines.toArray(String[]::new));
            MovableClock clock = new MovableClock(NOV_10);
            try (DutyService duty =
                    DutyServices.on(influxd, "villages").clock(clock).start()) {
                Api api = new Api(duty);
                assertThat(api.post(
                                        "/api/v1/cases",
                                        FENGGANG_SQUAD,
                                        "{\"town\":\"fenggang\",\"source\":\"FE-N01\",\"cause\":\"night grinding\"}")
                                .statusCode())
                        .isEqualTo(201);
                JsonArray november = api.list("/api/v1/villages?month=2026-11", DUTY_OFFICER);
                assertThat(november.stream().map(o -> figures((JsonObject) o)).toList())
                        .containsExactly(
                                "1 FG-YANTIAN 雁田村 complaints 4 corroborated 3 escalated 1 incidents 2 cases 0/0",
                                "2 FG-FENGDELING 凤德岭村 complaints 2 corroborated 1 escalated 0 incidents 1 cases 1/0",
                                "3 FG-SANLIAN 三联村 complaints 0 corroborated 0 escalated 0 incidents 0 cases 0/0");
                assertThat(november.stream()
                                .map(o -> (JsonObject) o)
                                .map(o -> o.getString("village") + " " + o.getLong("alertsJudged") + " "
                                        + o.getDouble("onSceneInTimePercent") + " " + o.getDouble("minutesToScene"))
                                .toList())
                        .containsExactly(
                                "FG-YANTIAN 2 50.0 30.0", "FG-FENGDELING 1 100.0 10.0", "FG-SANLIAN 0 null null");
                assertThat(api.list("/api/v1/villages?month=2026-10", DUTY_OFFICER)
                                .getJsonObject(0)
                                .getString("village"))
                        .isEqualTo("FG-FENGDELING");
                assertThat(api.list("/api/v1/villages?month=2026-11", TANGXIA_SQUAD))
                        .isEmpty();
                assertThat(api.get("/api/v1/villages?month=november", DUTY_OFFICER)
                                .statusCode())
                        .isEqualTo(400);
            }
        }
    }

    private static String figures(JsonObject o) {
        return o.getInteger("rank") + " " + o.getString("village") + " " + o.getString("name") + " complaints "
                + o.getLong("complaints") + " corroborated " + o.getLong("corroborated") + " escalated "
                + o.getLong("escalated") + " incidents " + o.getLong("incidents") + " cases " + o.getLong("casesOpened")
                + "/" + o.getLong("casesClosed");
    }

    private static String alertState(String id, String site, double minutesToScene, boolean inTime, Instant opened) {
        return "alert_state,kind=noise-laeq-1m,site=" + site + ",team=team-fenggang,town=fenggang alert=\"" + id
                + "\",minutes_to_scene=" + minutesToScene + ",on_scene_in_time=" + (inTime ? 1 : 0) + "i "
                + opened.toEpochMilli() * 1_000_000L;
    }

    private String incident(String site, String village, Instant start) {
        return new IncidentPoint(
                        site,
                        "fenggang",
                        "team-fenggang",
                        "noise-laeq-1m",
                        site + ":noise-laeq-1m:" + (n++),
                        "closed",
                        "noise",
                        "dB(A)",
                        start.toEpochMilli() + 600_000,
                        70,
                        60,
                        65,
                        "night",
                        "HIGH",
                        List.of(),
                        -1,
                        List.of(),
                        List.of(),
                        village,
                        start.toEpochMilli())
                .toLine();
    }
}
