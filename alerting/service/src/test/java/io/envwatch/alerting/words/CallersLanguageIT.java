package io.envwatch.alerting.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The public doors and the staff API answer in the caller's language: a citizen's browser that
 * asks for Chinese reads why its complaint or tip was refused in Chinese, one that asks for English
 * in English, one that asks for neither in the district's language (Chinese for the sample); the
 * field and the catalogue key are the same in every language, for programs.
 */
class CallersLanguageIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NO_CATEGORY =
            "{\"observedAt\":\"2026-12-06T23:40:00+08:00\",\"description\":\"刺鼻气味\",\"building\":\"B-FE-01\"}";

    @Test
    void refusalsAreSaidInTheCallersLanguageOrTheDistricts() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("callers");
            try (DutyService duty = DutyServices.start(influxd, "callers")) {
                JsonObject zh = post(duty, "/api/v1/complaints", NO_CATEGORY, "zh-CN,zh;q=0.9,en;q=0.8", null);
                assertThat(zh.getString("error")).isEqualTo("category 为必填项（可选值：noise, odour, other, water）");
                assertThat(zh.getString("field")).isEqualTo("category");
                assertThat(zh.getString("problem")).isEqualTo("error.required-one-of");

                JsonObject en = post(duty, "/api/v1/complaints", NO_CATEGORY, "en-GB,en;q=0.9", null);
                assertThat(en.getString("error")).isEqualTo("category is required (one of noise, odour, other, water)");
                assertThat(en.getString("field")).isEqualTo("category");
                assertThat(en.getString("problem")).isEqualTo("error.required-one-of");

                assertThat(post(duty, "/api/v1/complaints", NO_CATEGORY, "fr-FR, de;q=0.5", null)
                                .getString("error"))
                        .as("a language EnvWatch does not speak: the district's")
                        .isEqualTo(zh.getString("error"));
                assertThat(post(duty, "/api/v1/complaints", NO_CATEGORY, null, null)
                                .getString("error"))
                        .as("no Accept-Language at all: the district's")
                        .isEqualTo(zh.getString("error"));
                assertThat(post(duty, "/api/v1/complaints", "{not json", "zh-CN", null)
                                .getString("error"))
                        .isEqualTo("请求体不是有效的 JSON（第 1 行，第 2 列）");

                String tip = "{\"class\":\"dumping-at-night\",\"town\":\"fenggang\",\"text\":\"河边有人倾倒\"}";
                assertThat(post(duty, "/api/v1/tips", tip, "zh-CN", null).getString("error"))
                        .startsWith("class 只能取以下值之一：hidden-discharge-pipe, ");
                assertThat(post(duty, "/api/v1/tips", tip, "en", null).getString("error"))
                        .startsWith("class must be one of hidden-discharge-pipe, ");
                assertThat(post(duty, "/api/v1/tips/claim", "{\"code\":\"WRONG-CODE-0000\"}", "zh-CN", null)
                                .getString("error"))
                        .isEqualTo("没有用此查询码提交的记录");

                // Staff read the same way: a refusal of a step, and what the ledger says of itself.
                assertThat(post(duty, "/api/v1/alerts/A-404/ack", "", "zh-CN", DutyServices.DUTY_OFFICER)
                                .getString("error"))
                        .isEqualTo("没有告警 A-404");
                assertThat(post(duty, "/api/v1/alerts/A-404/ack", "", "en", DutyServices.DUTY_OFFICER)
                                .getString("error"))
                        .isEqualTo("no alert A-404");
                assertThat(post(duty, "/api/v1/campaigns", "{}", "zh-CN", DutyServices.DUTY_OFFICER)
                                .getString("error"))
                        .isEqualTo("专项行动由带班领导设定");
            }
        }
    }

    private static JsonObject post(DutyService duty, String path, String body, String language, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        return new JsonObject(answer.body());
    }
}
