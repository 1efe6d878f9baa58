package io.envwatch.alerting.cases;

import static io.envwatch.alerting.DutyServices.DUTY_LEADER;
import static io.envwatch.alerting.DutyServices.DUTY_OFFICER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static io.envwatch.alerting.DutyServices.SECTION_CHIEF;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.schema.CampaignProgressPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ledger's rules, walked around by signed-in staff with well-formed but crafted bodies: each
 * walk-around is refused naming its field, or lands where the rule says.
 */
@Tag("security")
class LedgerIntegrityIT {
    private final List<String> held = new ArrayList<>();

    @Test
    void theLedgersRulesCannotBeWalkedAround() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("integrity");
            try (DutyService duty = DutyServices.start(influxd, "integrity")) {
                Api api = new Api(duty);
                JsonObject opened = new JsonObject(expect(
                        "a source typed in lower case",
                        201,
                        api.post("/api/v1/cases", FENGGANG_SQUAD, opening("fe-n01", "20"))));
                assertThat(opened.getString("source")).isEqualTo("FE-N01");
                JsonObject again = new JsonObject(expect(
                        "a second case about the same source",
                        200,
                        api.post("/api/v1/cases", DUTY_OFFICER, opening("FE-N01", "40"))));
                assertThat(again.getString("id")).isEqualTo(opened.getString("id"));
                assertThat(again.getBoolean("joined")).isTrue();
                assertThat(api.list("/api/v1/cases", DUTY_OFFICER)).hasSize(1);

                refused(
                        "a source that is no registry site or building",
                        "source",
                        api.post("/api/v1/cases", FENGGANG_SQUAD, opening("the metal works", "20")));
                refused(
                        "a source in another town",
                        "town",
                        api.post("/api/v1/cases", FENGGANG_SQUAD, opening("TA-O01", "20")));
                refused(
                        "households 599.9",
                        "households",
                        api.post("/api/v1/cases", FENGGANG_SQUAD, opening("FE-N02", "599.9")));
                refused(
                        "households as text",
                        "households",
                        api.post("/api/v1/cases", FENGGANG_SQUAD, opening("FE-N02", "\"599\"")));
                refused(
                        "a misspelt households",
                        "household",
                        api.post(
                                "/api/v1/cases",
                                FENGGANG_SQUAD,
                                opening("FE-N02", "20").replace("\"households\"", "\"household\"")));
                expect(
                        "a section chief opening a case in a town he does not cover",
                        403,
                        api.post(
                                "/api/v1/cases",
                                SECTION_CHIEF,
                                "{\"town\":\"tangxia\",\"source\":\"TA-O01\",\"cause\":\"odour\",\"households\":5}"));
                refused(
                        "a deadline in the year 999999",
                        "deadline",
                        api.post(
                                "/api/v1/cases/" + opened.getString("id") + "/plan",
                                FENGGANG_SQUAD,
                                "{\"opinion\":\"enclose it\",\"deadline\":\"+999999-01-01T00:00:00Z\"}"));
                refused(
                        "ratings of the month +999999999-12",
                        "month",
                        api.post("/api/v1/ratings/compute?month=+999999999-12", DUTY_LEADER, ""));
                refused(
                        "tip figures of the month +999999999-12",
                        "month",
                        api.get("/api/v1/tips/figures?month=+999999999-12", DUTY_LEADER));
                String campaign =
                        "{\"name\":\"Quiet nights\",\"towns\":[\"fenggang\",\"fenggang\"],\"categories\":[\"noise\"],"
                                + "\"from\":\"2026-11-01\",\"until\":\"2026-11-30\",\"baselineFrom\":\"2025-11-01\","
                                + "\"baselineUntil\":\"2025-11-30\",\"targets\":{\"complaints\":-30,\"escalated\":-25}}";
                refused(
                        "a campaign naming a town twice",
                        "towns",
                        api.post("/api/v1/campaigns", DUTY_LEADER, campaign));
                refused(
                        "a tip of one zero-width space",
                        "text",
                        api.post(
                                "/api/v1/tips",
                                null,
                                "{\"class\":\"hidden-discharge-pipe\",\"town\":\"fenggang\",\"text\":\"\u200B\"}"));
                refused(
                        "an unknown field on a tip",
                        "reward",
                        api.post(
                                "/api/v1/tips",
                                null,
                                "{\"class\":\"hidden-discharge-pipe\",\"town\":\"fenggang\",\"text\":\"pipe\",\"reward\":99999}"));
                refused(
                        "an unknown field on an alert's step",
                        "nots",
                        api.post("/api/v1/alerts/A-1/ack", DUTY_OFFICER, "{\"nots\":\"typo\"}"));
                refused(
                        "an unknown field on a case's step",
                        "deadlin",
                        api.post(
                                "/api/v1/cases/" + opened.getString("id") + "/plan",
                                FENGGANG_SQUAD,
                                "{\"opinion\":\"x\",\"deadlin\":\"2027-01-01T00:00:00Z\"}"));

                String id = new JsonObject(expect(
                                "a campaign",
                                201,
                                api.post(
                                        "/api/v1/campaigns",
                                        DUTY_LEADER,
                                        campaign.replace("\"fenggang\",\"fenggang\"", "\"fenggang\""))))
                        .getString("id");
                expect("its progress", 200, api.get("/api/v1/campaigns/" + id, DUTY_LEADER));
                long start = LocalDate.parse("2026-11-01")
                        .atStartOfDay(ZoneId.of("Asia/Shanghai"))
                        .toInstant()
                        .toEpochMilli();
                assertThat(new InfluxQlRows(InfluxSettings.v1(influxd.url(), "integrity"))
                                .rows(InfluxQl.selectAll(CampaignProgressPoint.MEASUREMENT)))
                        .isNotEmpty()
                        .allSatisfy(r -> assertThat(r.time().toEpochMilli())
                                .as("stamped at the campaign's start")
                                .isEqualTo(start));
                System.out.printf("attack: ledger walk-arounds -> %s%n", String.join("; ", held));
            }
        }
    }

    private static String opening(String source, String households) {
        return "{\"town\":\"fenggang\",\"source\":\"" + source + "\",\"cause\":\"night grinding\",\"households\":"
                + households + "}";
    }

    private String expect(String what, int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(status);
        held.add(what + " " + status);
        return response.body();
    }

    private void refused(String what, String field, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("field")).as(what).isEqualTo(field);
        held.add(what + " 400 (" + field + ")");
    }
}
