package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettings;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.AlertDeliveryPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two levels of duty, end to end: an exceedance in Fenggang reaches the town's squad by SMS, WeCom
 * and e-mail and the Fenggang duty room by its robot; nobody acknowledges; at the town room's
 * deadline the city duty room takes it over (and hears of it), at the city's the duty leader. The
 * duty service restarts between the two deadlines: nothing is told twice and nothing is missed.
 * A town room's officer sees his town's alerts only.
 */
class TwoLevelDutyIT {
    private static final String FENGGANG_OFFICER_TOKEN = "fenggang-room-officer-token";

    @Test
    void aTownRoomsMissedDeadlineHandsTheAlertToTheCityThenTheDutyLeaderAcrossARestart() throws Exception {
        ProviderStub services = new ProviderStub(
                Map.of("/cgi-bin/webhook/send", "{\"errcode\":0,\"errmsg\":\"ok\"}", "/sms", "{\"code\":\"OK\"}"));
        List<ProviderStub.Received> received = services.received;
        String base = services.url();
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T15:00:00Z"));
        String settingsText = DutySettingsLoader.sampleText()
                .replace("dutyRooms:\n", """
                dutyRooms:
                  - id: fenggang-room
                    towns: [fenggang]
                    acknowledgeWithin: PT10M
                """)
                .replace("staff:\n", """
                staff:
                  - name: fenggang-room-officer
                    role: duty-officer
                    room: fenggang-room
                    tokenSha256: %s
                """.formatted(sha256(FENGGANG_OFFICER_TOKEN)))
                .replace("channels: []", """
                channels:
                  - {id: fenggang-sms, type: sms, audience: "team:team-fenggang", url: "%1$s/sms", to: ["13800138000"],
                     body: '{"to":"{to}","text":"{text}"}', successContains: '"code":"OK"'}
                  - {id: fenggang-wecom, type: wecom, audience: "team:team-fenggang", url: "%1$s/cgi-bin/webhook/send",
                     keyEnv: SQUAD_KEY}
                  - {id: fenggang-mail, type: email, audience: "team:team-fenggang", host: 127.0.0.1, port: %2$d,
                     starttls: false, from: envwatch@bureau.example.cn, to: [squad@fenggang.example.cn]}
                  - {id: fenggang-room-wecom, type: wecom, audience: "duty-room:fenggang-room",
                     url: "%1$s/cgi-bin/webhook/send", keyEnv: ROOM_KEY}
                  - {id: city-room-mail, type: email, audience: duty-room, host: 127.0.0.1, port: %2$d,
                     starttls: false, from: envwatch@bureau.example.cn, to: [city.room@bureau.example.cn]}
                  - {id: leader-mail, type: email, audience: duty-leader, host: 127.0.0.1, port: %2$d,
                     starttls: false, from: envwatch@bureau.example.cn, to: [duty.leader@bureau.example.cn]}
                """.formatted(base, mail.getSmtp().getPort()));
        DutySettings settings = DutySettingsLoader.parse(
                "test", settingsText, RegistryLoader.sample(), Map.of("SQUAD_KEY", "squad", "ROOM_KEY", "room")::get);
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("levels");
            long opened = clock.millis() - 60_000;
            JobIncidents.write(
                    influxd,
                    "levels",
                    JobIncidents.line(
                            "FE-N01", "fenggang", "team-fenggang", "noise-laeq-1m", true, 70.5, "HIGH", opened, ""),
                    JobIncidents.line(
                            "TX-N01", "tangxia", "team-tangxia", "noise-laeq-1m", true, 66.0, "MEDIUM", opened, ""));
            String id = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);
            String alertEvent;
            try (DutyService duty = DutyServices.on(influxd, "levels")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                Api api = new Api(duty);
                duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
                // The squad by SMS, WeCom and e-mail, the Fenggang room by its robot; not yet the city.
                ProviderStub.eventually(() -> count(received, "/sms", null) == 1
                        && count(received, null, "key=squad") == 1
                        && count(received, null, "key=room") == 1
                        && mailTo(mail, "squad@fenggang.example.cn") == 1);
                assertThat(mailTo(mail, "city.room@bureau.example.cn")).isZero();
                assertThat(api.list("/api/v1/alerts?state=active", FENGGANG_OFFICER_TOKEN).stream()
                                .map(a -> ((JsonObject) a).getString("site"))
                                .toList())
                        .as("a town room's officer sees his town's alerts only")
                        .containsExactly("FE-N01");
                assertThat(api.list("/api/v1/alerts?state=active", DutyServices.DUTY_OFFICER)
                                .size())
                        .as("the city room sees the district")
                        .isEqualTo(2);

                clock.advance(Duration.ofMinutes(10).plusSeconds(1));
                duty.checkDeadlinesNow().get(10, TimeUnit.SECONDS);
                ProviderStub.eventually(() -> mailTo(mail, "city.room@bureau.example.cn") == 1);
                JsonObject handedOver = api.object("/api/v1/alerts/" + id, DutyServices.DUTY_OFFICER);
                assertThat(handedOver.getJsonArray("history").stream()
                                .map(h -> ((JsonObject) h).getString("action"))
                                .toList())
                        .containsExactly("opened", "handed-over");
                assertThat(handedOver.getString("severity")).isEqualTo("CRITICAL");
                ProviderStub.eventually(
                        () -> count(received, null, "key=room") == 2 && mailTo(mail, "squad@fenggang.example.cn") == 2);
                alertEvent = handedOver.getJsonObject("deadline").getString("at");
            }
            assertThat(alertEvent)
                    .as("the city's five minutes from the hand-over")
                    .isEqualTo(Instant.parse("2026-12-06T15:15:01Z").toString());

            // A restart between the deadlines: the hand-over is not told again, none is lost.
            int messages = received.size() + mail.getReceivedMessages().length;
            try (DutyService duty = DutyServices.on(influxd, "levels")
                    .settings(settings)
                    .clock(clock)
                    .start()) {
                assertThat(duty.resentAtStart()).isZero();
                duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
                duty.checkDeadlinesNow().get(10, TimeUnit.SECONDS);
                Thread.sleep(500);
                assertThat(received.size() + mail.getReceivedMessages().length).isEqualTo(messages);
                assertThat(mailTo(mail, "duty.leader@bureau.example.cn")).isZero();

                clock.advance(Duration.ofMinutes(5).plusSeconds(1));
                duty.checkDeadlinesNow().get(10, TimeUnit.SECONDS);
                ProviderStub.eventually(() -> mailTo(mail, "duty.leader@bureau.example.cn") == 1);
                duty.checkDeadlinesNow().get(10, TimeUnit.SECONDS);
                Thread.sleep(500);
                assertThat(mailTo(mail, "duty.leader@bureau.example.cn"))
                        .as("once")
                        .isEqualTo(1);

                // The delivery log keeps every outcome of both runs, with its attempts.
                List<String> log = new InfluxQlRows(InfluxSettings.v1(influxd.url(), "levels"))
                                .rows(InfluxQl.selectAll(AlertDeliveryPoint.MEASUREMENT) + " WHERE "
                                        + AlertDeliveryPoint.ALERT.is(id))
                                .stream()
                                .map(r -> r.text(AlertDeliveryPoint.CHANNEL) + " " + r.text(AlertDeliveryPoint.EVENT)
                                        + " " + r.text(AlertDeliveryPoint.STATUS) + " "
                                        + r.integer(AlertDeliveryPoint.ATTEMPTS, 0))
                                .toList();
                assertThat(log)
                        .containsExactlyInAnyOrder(
                                "fenggang-sms alert.opened delivered 1",
                                "fenggang-wecom alert.opened delivered 1",
                                "fenggang-mail alert.opened delivered 1",
                                "fenggang-room-wecom alert.opened delivered 1",
                                "fenggang-sms alert.handed-over delivered 1",
                                "fenggang-wecom alert.handed-over delivered 1",
                                "fenggang-mail alert.handed-over delivered 1",
                                "fenggang-room-wecom alert.handed-over delivered 1",
                                "city-room-mail alert.handed-over delivered 1",
                                "fenggang-sms alert.escalated delivered 1",
                                "fenggang-wecom alert.escalated delivered 1",
                                "fenggang-mail alert.escalated delivered 1",
                                "city-room-mail alert.escalated delivered 1",
                                "leader-mail alert.escalated delivered 1");
            }
        } finally {
            services.close();
            mail.stop();
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static long count(List<ProviderStub.Received> received, String path, String query) {
        return received.stream()
                .filter(r -> (path == null || r.path().equals(path)) && (query == null || query.equals(r.query())))
                .count();
    }

    /** Messages to an address about Fenggang's alert (the Tangxia one goes to the city room from the start). */
    private static long mailTo(GreenMail mail, String address) {
        long n = 0;
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                for (var to : m.getRecipients(Message.RecipientType.TO)) {
                    if (to.toString().equals(address) && m.getSubject().contains("FE-N01")) {
                        n++;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }
}
