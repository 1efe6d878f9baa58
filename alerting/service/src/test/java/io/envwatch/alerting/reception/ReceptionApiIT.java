package io.envwatch.alerting.reception;

import static io.envwatch.alerting.DutyServices.BRANCH_CHIEF;
import static io.envwatch.alerting.DutyServices.DUTY_OFFICER;
import static io.envwatch.alerting.DutyServices.FENGGANG_SQUAD;
import static io.envwatch.alerting.DutyServices.SECTION_CHIEF;
import static io.envwatch.alerting.DutyServices.TANGXIA_SQUAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettings;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.notifications.ProviderStub;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The leaders' reception days through the real duty service on a real influxd (the sample settings:
 * Fenggang's section chief on the 15th, Tangxia's branch chief on the 20th): upcoming, not to be
 * recorded before the day, recorded by its leader with the complaints filed there counted, a day
 * passed unrecorded flagged missed, each town's squad seeing its own, and all of it after a restart.
 */
class ReceptionApiIT {
    /** 14 December 2026, 10:00 in Dongguan. */
    private static final Instant DEC_14 = Instant.parse("2026-12-14T02:00:00Z");

    @Test
    void aReceptionDayIsHeldWithItsComplaintsOrFlaggedMissed() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("reception");
            // What the job stored: two complaints received in person in Fenggang on the 15th, one by hotline.
            long dec15 = Instant.parse("2026-12-15T03:00:00Z").toEpochMilli();
            JobIncidents.write(
                    influxd,
                    "reception",
                    JobIncidents.complaint("R-1", null, "reception", true, false, dec15),
                    JobIncidents.complaint("R-2", null, "reception", true, false, dec15 + 60_000),
                    JobIncidents.complaint("H-1", null, "hotline", true, false, dec15 + 120_000));
            MovableClock clock = new MovableClock(DEC_14);
            try (ProviderStub hooks = new ProviderStub(Map.of("/room", "{}", "/leader", "{}"));
                    DutyService duty = DutyServices.on(influxd, "reception")
                            .settings(withChannels(hooks))
                            .clock(clock)
                            .start()) {
                Api api = new Api(duty);
                assertThat(days(api, DUTY_OFFICER))
                        .containsExactly("fenggang 2026-12-15 upcoming", "tangxia 2026-12-20 upcoming");
                assertThat(days(api, FENGGANG_SQUAD)).containsExactly("fenggang 2026-12-15 upcoming");
                assertThat(held(api, SECTION_CHIEF, "fenggang", "2026-12-15").statusCode())
                        .as("not before the day")
                        .isEqualTo(409);

                clock.advance(Duration.ofDays(1)); // the 15th
                assertThat(days(api, DUTY_OFFICER)).first().isEqualTo("fenggang 2026-12-15 due");
                assertThat(held(api, BRANCH_CHIEF, "fenggang", "2026-12-15").statusCode())
                        .as("another leader's day")
                        .isEqualTo(403);
                assertThat(held(api, SECTION_CHIEF, "fenggang", "2026-12-16").statusCode())
                        .as("no reception day then")
                        .isEqualTo(404);
                assertThat(held(api, SECTION_CHIEF, "fenggang", "2026-12-15").statusCode())
                        .isEqualTo(201);
                assertThat(held(api, SECTION_CHIEF, "fenggang", "2026-12-15").statusCode())
                        .as("once")
                        .isEqualTo(409);
                JsonObject fenggang = api.list("/api/v1/reception?month=2026-12", DUTY_OFFICER)
                        .getJsonObject(0);
                assertThat(fenggang.getString("status")).isEqualTo("held");
                assertThat(fenggang.getLong("complaints"))
                        .as("the two received in person")
                        .isEqualTo(2);
                assertThat(fenggang.getLong("visitors")).isEqualTo(7);
                assertThat(fenggang.getString("heldBy")).isEqualTo("fenggang-section-chief");

                clock.advance(Duration.ofDays(6)); // the 21st: Tangxia's day passed unrecorded
                JsonObject tangxia = api.list("/api/v1/reception?month=2026-12", TANGXIA_SQUAD)
                        .getJsonObject(0);
                assertThat(tangxia.getString("status")).isEqualTo("missed");
                assertThat(tangxia.getBoolean("flagged")).isTrue();
                // The duty room and the leader are told, once however often it is checked.
                assertThat(duty.checkReceptionDaysNow().get(10, TimeUnit.SECONDS))
                        .isEqualTo(1);
                ProviderStub.eventually(() -> hooks.received.size() == 2);
                assertThat(hooks.received.stream().map(ProviderStub.Received::path))
                        .containsExactlyInAnyOrder("/room", "/leader");
                JsonObject told = new JsonObject(hooks.received.get(0).body());
                assertThat(told.getString("event")).isEqualTo("reception.missed");
                assertThat(told.getJsonObject("reception").getString("date")).isEqualTo("2026-12-20");
                assertThat(told.getJsonObject("reception").getString("leader")).isEqualTo("branch-chief");
                duty.checkReceptionDaysNow().get(10, TimeUnit.SECONDS);
                Thread.sleep(500);
                assertThat(hooks.received).hasSize(2);
                assertThat(api.get("/api/v1/reception?month=12-2026", DUTY_OFFICER)
                                .statusCode())
                        .isEqualTo(400);
            }
            try (ProviderStub hooks = new ProviderStub(Map.of("/room", "{}", "/leader", "{}"));
                    DutyService again = DutyServices.on(influxd, "reception")
                            .settings(withChannels(hooks))
                            .clock(clock)
                            .start()) {
                assertThat(days(new Api(again), DUTY_OFFICER))
                        .containsExactly("fenggang 2026-12-15 held", "tangxia 2026-12-20 missed");
                again.checkReceptionDaysNow().get(10, TimeUnit.SECONDS);
                Thread.sleep(500);
                assertThat(hooks.received).as("told before the restart").isEmpty();
            }
        }
    }

    private static DutySettings withChannels(ProviderStub hooks) {
        String text = DutySettingsLoader.sampleText().replace("channels: []", """
                channels:
                  - {id: city-room-hook, type: webhook, audience: duty-room, url: "%1$s/room",
                     secret: a-test-secret-of-thirty-two-chars!}
                  - {id: branch-chief-hook, type: webhook, audience: "leader:branch-chief", url: "%1$s/leader",
                     secret: a-test-secret-of-thirty-two-chars!}
                """.formatted(hooks.url()));
        return DutySettingsLoader.parse("test", text, RegistryLoader.sample(), Map.<String, String>of()::get);
    }

    private static List<String> days(Api api, String token) throws Exception {
        JsonArray list = api.list("/api/v1/reception?month=2026-12", token);
        return list.stream()
                .map(o -> (JsonObject) o)
                .map(o -> o.getString("town") + " " + o.getString("date") + " " + o.getString("status"))
                .toList();
    }

    private static HttpResponse<String> held(Api api, String token, String town, String date) throws Exception {
        return api.post(
                "/api/v1/reception/" + town + "/" + date + "/held",
                token,
                "{\"visitors\":7,\"note\":\"residents of Block 3 on the night grinding; a visit promised\"}");
    }
}
