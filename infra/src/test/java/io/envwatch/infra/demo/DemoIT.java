package io.envwatch.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.console.HeadlessChromium;
import io.envwatch.local.LocalProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo as a new user starts it: readings and a duty alert reach InfluxDB within a minute. */
class DemoIT {

    @Test
    void readingsAndADutyAlertArriveWithinAMinute() throws Exception {
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        Path checkpoints;
        try (Demo demo = Demo.start(Demo.sampleRegistry(), LocalProcess.freePort(), 0, null, Duration.ofSeconds(1))) {
            checkpoints = demo.checkpoints();
            assertThat(checkpoints).isDirectory();
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(60).toNanos();
            String alerts = "";
            // By day the 10-second LAeq opens it; at night the night maximum may open another first.
            while (!alerts.contains("\"id\":\"FE-N01:noise-laeq-10s:") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                alerts = get(demo.dutyUrl() + "/api/v1/alerts?state=active", "duty-demo-token");
            }
            System.out.printf(
                    "the factory's duty alert after %.1f s: %s%n", (System.nanoTime() - started) / 1e9, alerts);
            // The factory running next to homes (scripted noise scenario) reaches the duty API in a minute.
            assertThat(alerts).contains("\"id\":\"FE-N01:noise-laeq-10s:");
            // The scripted incident is on the duty console, live, for whoever signs in.
            if (HeadlessChromium.installed()) {
                ChromeDriver browser = HeadlessChromium.start();
                try {
                    HeadlessChromium.signIn(browser, demo.dutyUrl() + "/console/", "duty-demo-token");
                    HeadlessChromium.waitFor(
                            "the factory's alert on the console",
                            Duration.ofSeconds(20),
                            () -> browser.findElements(By.cssSelector(
                                                    "#alerts li[data-alert-id^='FE-N01:noise-laeq-10s:']"))
                                            .size()
                                    == 1);
                    assertThat(browser.findElement(
                                            By.cssSelector("#alerts li[data-alert-id^='FE-N01:noise-laeq-10s:']"))
                                    .getText())
                            .contains("凤岗金属表面处理厂东厂界 (FE-N01)");
                    Files.write(Path.of("target", "demo-console.png"), browser.getScreenshotAs(OutputType.BYTES));
                } finally {
                    browser.quit();
                }
            }
            // The job's incident is now a duty alert people work: the Fenggang squad acknowledges it.
            String id = new JsonArray(alerts)
                    .stream()
                            .map(JsonObject.class::cast)
                            .map(a -> a.getString("id"))
                            .filter(a -> a.startsWith("FE-N01:noise-laeq-10s:"))
                            .findFirst()
                            .orElseThrow();
            HttpResponse<String> ack = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(demo.dutyUrl() + "/api/v1/alerts/" + id + "/ack"))
                                    .header("Authorization", "Bearer fenggang-demo-token")
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            assertThat(demo.count("SELECT count(alert) FROM alert_event WHERE \"action\" = 'acknowledged'"))
                    .isEqualTo(1);
            assertThat(demo.count("SELECT count(peak) FROM duty_alert")).isGreaterThanOrEqualTo(1);
            assertThat(demo.count("SELECT count(value) FROM reading")).isGreaterThan(100);
            assertThat(demo.count("SELECT count(laeq) FROM noise_laeq")).isGreaterThan(10);
            assertThat(demo.count("SELECT count(detail) FROM dead_letter")).isZero();

            // The demo's citizens complain through the public API; the one next to the factory is
            // corroborated, and the contact one of them gave is nowhere in InfluxDB or the logs.
            // Six complaints are filed 20 to 70 s in; each is decided half a minute after it was observed.
            long complaintsDeadline =
                    System.nanoTime() + Duration.ofSeconds(120).toNanos();
            // The repeat case leaves the job after the third complaint's outcome, through another
            // operator and possibly another sink flush: wait for it as well, not only for the complaints.
            while ((demo.count("SELECT count(id) FROM complaint") < 6
                            || demo.count("SELECT count(id) FROM repeat_case") < 1)
                    && System.nanoTime() < complaintsDeadline) {
                Thread.sleep(500);
            }
            assertThat(demo.count("SELECT count(id) FROM complaint")).isEqualTo(6);
            assertThat(demo.count("SELECT count(id) FROM complaint WHERE outcome = 'corroborated'"))
                    .isGreaterThanOrEqualTo(3);
            assertThat(demo.count("SELECT count(id) FROM complaint WHERE outcome = 'not-corroborated'"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(demo.count("SELECT count(id) FROM repeat_case")).isEqualTo(1);
            // The repeat case proposes a case on the bureau's ledger within a case poll (30 s).
            long ledgerDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (demo.count("SELECT count(\"case\") FROM case_state") < 1 && System.nanoTime() < ledgerDeadline) {
                Thread.sleep(500);
            }
            JsonArray cases = new JsonArray(get(demo.dutyUrl() + "/api/v1/cases", "duty-demo-token"));
            assertThat(cases).as("the ledger's cases").hasSize(1);
            assertThat(cases.getJsonObject(0).getString("cause"))
                    .as("in the district's language, the home by its name")
                    .contains("针对 凤岗佳园1栋 的噪声投诉 3 宗");
            // The demo's citizen filed a rewarded tip: staff see it, its text sealed in storage.
            JsonArray tips = new JsonArray(get(demo.dutyUrl() + "/api/v1/tips", "duty-demo-token"));
            assertThat(tips).as("the demo's tip").hasSize(1);
            assertThat(demo.count("SELECT count(\"tip\") FROM tip_state")).isEqualTo(1);
            String everything = everythingIn(demo);
            // The citizen's words went through the duty service, the broker, the job and InfluxDB
            // byte for byte; the contact they gave went nowhere.
            assertThat(everything)
                    .contains("金属厂又在敲打打磨，吵得睡不着")
                    .doesNotContain("139 0000 0001")
                    .doesNotContain("李先生");
            // The registry's Chinese names reach the boards' points and the duty API as written.
            assertThat(everything).contains("凤岗金属表面处理厂东厂界");
            assertThat(get(demo.dutyUrl() + "/api/v1/map", "duty-demo-token")).contains("\"name\":\"凤岗金属表面处理厂东厂界\"");
            assertThat(logs.list)
                    .isNotEmpty()
                    .noneMatch(e -> e.getFormattedMessage().contains("139 0000 0001"));
        } finally {
            root.detachAppender(logs);
        }
        // A demo starts afresh every time: its checkpoints go when it stops, not into /tmp for good.
        assertThat(checkpoints).doesNotExist();
    }

    /** Every value of every measurement, as text. */
    private static String everythingIn(Demo demo) throws Exception {
        StringBuilder all = new StringBuilder();
        String url = demo.influx().url() + "/query?db=" + demo.influx().database() + "&q=";
        String measurements = get(url + URLEncoder.encode("SHOW MEASUREMENTS", "UTF-8"));
        for (var m : Pattern.compile("\\[\"([a-z_]+)\"\\]")
                .matcher(measurements)
                .results()
                .toList()) {
            all.append(get(url + URLEncoder.encode("SELECT * FROM \"" + m.group(1) + "\"", "UTF-8")));
        }
        assertThat(all).contains("complaint");
        return all.toString();
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String get(String url, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
