package io.envwatch.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.local.LocalProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo as a new user starts it: readings and a duty alert reach InfluxDB within a minute. */
class DemoIT {

    @Test
    void readingsAndADutyAlertArriveWithinAMinute() throws Exception {
        try (Demo demo = Demo.start(Demo.sampleRegistry(), LocalProcess.freePort(), 0, null, Duration.ofSeconds(1))) {
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(60).toNanos();
            while (demo.count("SELECT count(peak) FROM duty_alert") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(demo.count("SELECT count(peak) FROM duty_alert")).isGreaterThanOrEqualTo(1);
            System.out.printf("first duty alert after %.1f s%n", (System.nanoTime() - started) / 1e9);
            assertThat(demo.count("SELECT count(value) FROM reading")).isGreaterThan(100);
            assertThat(demo.count("SELECT count(detail) FROM dead_letter")).isZero();
            String alerts = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.dutyUrl() + "/api/v1/alerts?state=open"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(alerts).contains("\"site\":\"FE-N01\"").contains("\"state\":\"open\"");
        }
    }
}
