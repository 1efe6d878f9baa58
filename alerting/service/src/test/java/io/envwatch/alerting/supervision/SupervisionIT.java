package io.envwatch.alerting.supervision;

import static io.envwatch.alerting.DutyServices.BRANCH_CHIEF;
import static io.envwatch.alerting.DutyServices.DUTY_OFFICER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static io.envwatch.alerting.DutyServices.SECTION_CHIEF;
import static io.envwatch.alerting.DutyServices.TANGXIA_SQUAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Special supervision over four months of the sample's villages, through the real duty service on a
 * real influxd (the sample rule: complaints up more than 30 % with at least 3, escalated complaints
 * above last year's, an overdue case; released after 2 clean months): 雁田村's complaints rise in
 * October and it enters on 1 November, its head is interviewed, and after quiet November and
 * December it is released on 1 January; 三联村's escalated complaints stay above last year's all
 * year and it stays; 凤德岭村 never enters. All of it survives a restart, and the year's
 * assessment (JSON and CSV) vetoes 三联村.
 */
class SupervisionIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private int n;

    @Test
    void aVillageEntersByRuleIsInterviewedAndIsReleasedWhenTheRuleNoLongerHolds() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("supervision");
            List<String> lines = new ArrayList<>();
            // 雁田村: 2 in September, 6 in October (+200 %), 1 in November, 1 in December.
            add(lines, "FG-YANTIAN", 2026, 9, 2, false);
            add(lines, "FG-YANTIAN", 2026, 10, 6, false);
            add(lines, "FG-YANTIAN", 2026, 11, 1, false);
            add(lines, "FG-YANTIAN", 2026, 12, 1, false);
            // 三联村: 2 escalated in March 2026, none in 2025; 1 ordinary complaint a month.
            add(lines, "FG-SANLIAN", 2026, 3, 2, true);
            for (int m = 9; m <= 12; m++) {
                add(lines, "FG-SANLIAN", 2026, m, 1, false);
            }
            // 凤德岭村: steady, 3 a month, never rising.
            for (int m = 9; m <= 12; m++) {
                add(lines, "FG-FENGDELING", 2026, m, 3, false);
            }
            JobIncidents.write(influxd, "supervision", lines.toArray(String[]::new));
            MovableClock clock = new MovableClock(at(2026, 11, 1));
            try (DutyService duty =
                    DutyServices.on(influxd, "supervision").clock(clock).start()) {
                Api api = new Api(duty);
                duty.pollCasesNow().get(20, TimeUnit.SECONDS); // October is checked
                assertThat(states(api, DUTY_OFFICER))
                        .containsExactly(
                                "FG-YANTIAN supervised since 2026-11-01",
                                "FG-SANLIAN supervised since 2026-11-01",
                                "FG-FENGDELING not supervised");
                JsonObject yantian = village(api, "FG-YANTIAN");
                assertThat(yantian.getString("reasons")).isEqualTo("complaints rose from 2 to 6 in 2026-10");
                assertThat(village(api, "FG-SANLIAN").getString("reasons"))
                        .isEqualTo("escalated complaints 2 this year by the end of 2026-10, 0 by then last year");
                assertThat(states(api, TANGXIA_SQUAD))
                        .as("another town's villages")
                        .isEmpty();
                assertThat(states(api, FENGGANG_SQUAD)).hasSize(3);

                // The village head is interviewed, by the section chief who covers Fenggang.
                String interview = "{\"interviewee\":\"雁田村村委会主任\",\"findings\":\"night work at two plants\","
                        + "\"commitments\":\"patrols every night for a month\",\"nextCheck\":\"2026-12-01\"}";
                assertThat(api.post("/api/v1/supervision/FG-YANTIAN/interviews", FENGGANG_SQUAD, interview)
                                .statusCode())
                        .as("a squad does not interview")
                        .isEqualTo(403);
                assertThat(api.post("/api/v1/supervision/FG-FENGDELING/interviews", SECTION_CHIEF, interview)
                                .statusCode())
                        .as("not under supervision")
                        .isEqualTo(409);
                assertThat(api.post("/api/v1/supervision/XX/interviews", SECTION_CHIEF, interview)
                                .statusCode())
                        .isEqualTo(404);
                assertThat(api.post("/api/v1/supervision/FG-YANTIAN/interviews", SECTION_CHIEF, interview)
                                .statusCode())
                        .isEqualTo(201);
                assertThat(village(api, "FG-YANTIAN").getJsonArray("interviews"))
                        .singleElement()
                        .satisfies(i -> {
                            JsonObject o = (JsonObject) i;
                            assertThat(o.getString("by")).isEqualTo("fenggang-section-chief");
                            assertThat(o.getString("interviewee")).isEqualTo("雁田村村委会主任");
                            assertThat(o.getString("commitments")).isEqualTo("patrols every night for a month");
                            assertThat(o.getString("nextCheck")).isEqualTo("2026-12-01");
                        });

                clock.advance(Duration.between(clock.instant(), at(2026, 12, 1))); // November checked: 雁田村 clean once
                duty.pollCasesNow().get(20, TimeUnit.SECONDS);
                duty.pollCasesNow().get(20, TimeUnit.SECONDS); // a second poll in the month checks nothing again
                assertThat(village(api, "FG-YANTIAN").getInteger("cleanMonths")).isEqualTo(1);
                assertThat(village(api, "FG-YANTIAN").getBoolean("supervised")).isTrue();
            }
            // December checked after a restart: clean twice, released.
            clock.advance(Duration.between(clock.instant(), at(2027, 1, 1)));
            try (DutyService again =
                    DutyServices.on(influxd, "supervision").clock(clock).start()) {
                Api api = new Api(again);
                again.pollCasesNow().get(20, TimeUnit.SECONDS);
                assertThat(states(api, BRANCH_CHIEF))
                        .containsExactly(
                                "FG-SANLIAN supervised since 2026-11-01",
                                "FG-FENGDELING not supervised",
                                "FG-YANTIAN not supervised");
                assertThat(village(api, "FG-YANTIAN").getString("releasedOn")).isEqualTo("2027-01-01");
                assertThat(village(api, "FG-YANTIAN").getJsonArray("interviews"))
                        .hasSize(1);

                // The year's assessment: 三联村 vetoed (escalated 2, none last year), the others not.
                JsonArray year = api.list("/api/v1/villages/assessment?year=2026", DUTY_OFFICER);
                assertThat(year.stream()
                                .map(o -> (JsonObject) o)
                                .map(o -> o.getString("village") + " complaints " + o.getLong("complaints")
                                        + " escalated " + o.getLong("escalated") + "/" + o.getLong("escalatedLastYear")
                                        + " interviews " + o.getLong("interviews") + " supervised "
                                        + o.getBoolean("underSupervision") + " veto " + o.getBoolean("veto"))
                                .toList())
                        .containsExactly(
                                "FG-SANLIAN complaints 6 escalated 2/0 interviews 0 supervised true veto true",
                                "FG-FENGDELING complaints 12 escalated 0/0 interviews 0 supervised false veto false",
                                "FG-YANTIAN complaints 10 escalated 0/0 interviews 1 supervised false veto false");
                var csv = api.get("/api/v1/villages/assessment.csv?year=2026", DUTY_OFFICER);
                assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
                assertThat(csv.body().split("\r\n"))
                        .containsExactly(
                                "year,village,name,town,complaints,corroborated,escalated,escalated_last_year,incidents,"
                                        + "cases_opened,cases_closed,under_supervision,interviews,veto",
                                "2026,FG-SANLIAN,三联村,fenggang,6,6,2,0,0,0,0,true,0,true",
                                "2026,FG-FENGDELING,凤德岭村,fenggang,12,12,0,0,0,0,0,false,0,false",
                                "2026,FG-YANTIAN,雁田村,fenggang,10,10,0,0,0,0,0,false,1,false");
                assertThat(api.get("/api/v1/villages/assessment?year=26", DUTY_OFFICER)
                                .statusCode())
                        .isEqualTo(400);
            }
        }
    }

    private static Instant at(int year, int month, int day) {
        return LocalDate.of(year, month, day).atTime(9, 0).atZone(ZONE).toInstant();
    }

    private static List<String> states(Api api, String token) throws Exception {
        JsonArray list = api.list("/api/v1/supervision", token);
        return list.stream()
                .map(o -> (JsonObject) o)
                .map(o -> o.getString("village")
                        + (o.getBoolean("supervised")
                                ? " supervised since " + o.getString("since")
                                : " not supervised"))
                .toList();
    }

    private static JsonObject village(Api api, String id) throws Exception {
        return api.list("/api/v1/supervision", DUTY_OFFICER).stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("village").equals(id))
                .findFirst()
                .orElseThrow();
    }

    private void add(List<String> lines, String village, int year, int month, int count, boolean escalated) {
        for (int i = 0; i < count; i++) {
            long t = LocalDate.of(year, month, 10 + i)
                    .atTime(20, 0)
                    .atZone(ZONE)
                    .toInstant()
                    .toEpochMilli();
            lines.add(JobIncidents.complaint("S-" + (n++), village, "hotline", true, escalated, t));
        }
    }
}
