package io.envwatch.alerting.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettings;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The duty service reads the four people's channels from its settings (secrets from the
 * environment), an opened alert in Fenggang reaches the town's squad by WeCom, DingTalk and SMS
 * and its leader by e-mail, each outcome is in the delivery log, and the duty leader can send a
 * test message through any channel (no one else can).
 */
class PeoplesChannelsIT {
    @Test
    void anAlertReachesEveryChannelOfItsTownAndTheDutyLeaderTestsAChannel() throws Exception {
        ProviderStub services = new ProviderStub(Map.of(
                "/cgi-bin/webhook/send",
                "{\"errcode\":0,\"errmsg\":\"ok\"}",
                "/robot/send",
                "{\"errcode\":0,\"errmsg\":\"ok\"}",
                "/sms",
                "{\"code\":\"OK\"}"));
        List<ProviderStub.Received> received = services.received;
        String base = services.url();
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        mail.setUser("envwatch@bureau.example.cn", "envwatch", "smtp-password");
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("people");
            DutySettings settings = DutySettingsLoader.parse(
                    "test",
                    DutySettingsLoader.sampleText().replace("channels: []", """
                    consoleUrl: https://duty.example.cn
                    channels:
                      - id: fenggang-wecom
                        type: wecom
                        audience: team:team-fenggang
                        url: %1$s/cgi-bin/webhook/send
                        keyEnv: FENGGANG_WECOM_KEY
                      - id: fenggang-dingtalk
                        type: dingtalk
                        audience: team:team-fenggang
                        url: %1$s/robot/send
                        tokenEnv: FENGGANG_DINGTALK_TOKEN
                        secretEnv: FENGGANG_DINGTALK_SECRET
                        keyword: EnvWatch
                      - id: fenggang-sms
                        type: sms
                        audience: team:team-fenggang
                        url: %1$s/sms
                        body: '{"mobiles":"{to}","content":"{text}"}'
                        authHeader: X-Api-Key
                        authEnv: SMS_KEY
                        to: ["13800138000"]
                        successContains: '"code":"OK"'
                      - id: leaders-mail
                        type: email
                        audience: duty-leader
                        host: 127.0.0.1
                        port: %2$d
                        starttls: false
                        username: envwatch
                        passwordEnv: SMTP_PASSWORD
                        from: EnvWatch <envwatch@bureau.example.cn>
                        to: [duty.leader@bureau.example.cn]
                    """.formatted(
                                    base, mail.getSmtp().getPort())),
                    RegistryLoader.sample(),
                    Map.of(
                            "FENGGANG_WECOM_KEY", "wecom-key",
                            "FENGGANG_DINGTALK_TOKEN", "ding-token",
                            "FENGGANG_DINGTALK_SECRET", "SECding-secret",
                            "SMS_KEY", "sms-key",
                            "SMTP_PASSWORD", "smtp-password")::get);
            long opened = System.currentTimeMillis() - 60_000;
            JobIncidents.write(
                    influxd,
                    "people",
                    JobIncidents.line(
                            "FE-N01", "fenggang", "team-fenggang", "noise-laeq-1m", true, 70.5, "HIGH", opened, ""));
            try (DutyService duty =
                    DutyServices.on(influxd, "people").settings(settings).start()) {
                Api api = new Api(duty);
                duty.pollIncidentsNow().get(10, TimeUnit.SECONDS);
                ProviderStub.eventually(() -> received.size() >= 3);
                assertThat(received)
                        .extracting(ProviderStub.Received::path)
                        .containsExactlyInAnyOrder("/cgi-bin/webhook/send", "/robot/send", "/sms");
                ProviderStub.Received wecom = byPath(received, "/cgi-bin/webhook/send");
                assertThat(wecom.query()).isEqualTo("key=wecom-key");
                assertThat(new JsonObject(wecom.body())
                                .getJsonObject("markdown")
                                .getString("content"))
                        .contains("FE-N01")
                        .contains("https://duty.example.cn/console/#alert=");
                assertThat(byPath(received, "/robot/send").query())
                        .startsWith("access_token=ding-token&timestamp=")
                        .contains("&sign=");
                assertThat(new JsonObject(byPath(received, "/sms").body()).getString("mobiles"))
                        .isEqualTo("13800138000");

                // The e-mail channel is the duty leader's: an opened alert is not, its escalation is.
                assertThat(mail.getReceivedMessages()).isEmpty();
                ProviderStub.eventually(() -> deliveries(api).size() >= 3);
                assertThat(deliveries(api).stream()
                                .map(d -> ((JsonObject) d).getString("channel"))
                                .toList())
                        .containsExactlyInAnyOrder("fenggang-wecom", "fenggang-dingtalk", "fenggang-sms");

                HttpResponse<String> byOfficer =
                        api.post("/api/v1/channels/leaders-mail/test", DutyServices.DUTY_OFFICER, "");
                assertThat(byOfficer.statusCode()).isEqualTo(403);
                assertThat(api.post("/api/v1/channels/nope/test", DutyServices.DUTY_LEADER, "")
                                .statusCode())
                        .isEqualTo(404);
                HttpResponse<String> test =
                        api.post("/api/v1/channels/leaders-mail/test", DutyServices.DUTY_LEADER, "");
                assertThat(test.statusCode()).isEqualTo(200);
                assertThat(new JsonObject(test.body()).getString("status")).isEqualTo(Delivery.DELIVERED);
                assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
                MimeMessage m = mail.getReceivedMessages()[0];
                assertThat(m.getSubject()).as("in the district's language").isEqualTo("EnvWatch 消息（渠道测试）：leaders-mail");
                assertThat(api.list("/api/v1/channels", DutyServices.DUTY_LEADER)
                                .size())
                        .isEqualTo(4);
                ProviderStub.eventually(() -> deliveries(api).stream()
                        .anyMatch(d -> ((JsonObject) d).getString("channel").equals("leaders-mail")));
            }
        } finally {
            services.close();
            mail.stop();
        }
    }

    private static JsonArray deliveries(Api api) {
        try {
            return api.list("/api/v1/deliveries", DutyServices.DUTY_LEADER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProviderStub.Received byPath(List<ProviderStub.Received> received, String path) {
        return received.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }
}
