package io.envwatch.alerting.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import io.envwatch.local.LocalMosquitto;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The public intake's limits, set low in the settings file, against a real service and broker:
 * one address is held to its share, many addresses together to the overall limit, each refusal a
 * 429 with Retry-After.
 */
class ComplaintIntakeLimitsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void oneAddressAndEveryoneTogetherAreHeldToTheirLimits() throws Exception {
        String sample = DutySettingsLoader.sampleText();
        String settings = sample.substring(0, sample.indexOf("\ncomplaintIntake:")) + """

                complaintIntake:
                  perClient: 3
                  perClientWindow: PT1H
                  overall: 5
                  overallWindow: PT1H
                  trustForwardedFor: true
                """;
        try (LocalMosquitto broker = LocalMosquitto.start();
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("limits");
            DutyService duty = DutyServices.on(influxd, "limits")
                    .settings(DutySettingsLoader.parse("test", settings, RegistryLoader.sample(), name -> null))
                    .complaints(ComplaintPublisher.connect(broker.url(), "duty-limits", null, null))
                    .start();
            try {
                for (int i = 0; i < 3; i++) {
                    assertThat(post(duty, "198.51.100.7").statusCode()).isEqualTo(202);
                }
                HttpResponse<String> fourth = post(duty, "198.51.100.7");
                assertThat(fourth.statusCode()).isEqualTo(429);
                assertThat(fourth.headers().firstValue("Retry-After"))
                        .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 3600L));
                assertThat(new JsonObject(fourth.body()).getString("problem")).isEqualTo("error.too-many");
                assertThat(new JsonObject(fourth.body()).getString("error"))
                        .as("in the district's language, the caller naming none")
                        .contains("每个地址 60 分钟内 3 次");

                assertThat(post(duty, "203.0.113.1").statusCode()).isEqualTo(202);
                assertThat(post(duty, "203.0.113.2").statusCode()).isEqualTo(202);
                HttpResponse<String> overall = post(duty, "203.0.113.3");
                assertThat(overall.statusCode()).isEqualTo(429);
                assertThat(new JsonObject(overall.body()).getString("error")).contains("全部合计");
                assertThat(overall.headers().firstValue("Retry-After")).isPresent();
            } finally {
                duty.close();
            }
        }
    }

    private static HttpResponse<String> post(DutyService duty, String forwardedFor) throws Exception {
        String body = new JsonObject()
                .put("category", "odour")
                .put("channel", "web")
                .put(
                        "observedAt",
                        OffsetDateTime.now(ZoneOffset.ofHours(8))
                                .minusMinutes(20)
                                .toString())
                .put("description", "smell")
                .put("location", new JsonObject().put("lat", 22.8093).put("lon", 114.0941))
                .encode();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/complaints"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", "10.0.0.9, " + forwardedFor)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
