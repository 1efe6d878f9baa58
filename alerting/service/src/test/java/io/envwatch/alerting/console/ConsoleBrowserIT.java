package io.envwatch.alerting.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.local.LocalInfluxd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The duty console in headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): sign in, see an alert arrive live from the feed, acknowledge it with the button, and
 * keep a screenshot. Skips where no Chromium is installed.
 */
class ConsoleBrowserIT {
    @Test
    void anAlertAppearsLiveAndIsAcknowledgedFromTheConsole() throws Exception {
        assumeTrue(
                HeadlessChromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("console");
            String fastPolls = DutySettingsLoader.sampleText().replace("pollEvery: PT2S", "pollEvery: PT0.5S");
            // The service's clock three hours ahead of the browser's: a duty-room PC's clock may be
            // wrong, and the countdown to a deadline must count from the service's time.
            MovableClock clock = new MovableClock(Instant.now().plus(Duration.ofHours(3)));
            try (DutyService duty = DutyServices.on(influxd, "console")
                    .settings(DutySettingsLoader.parse("test", fastPolls, RegistryLoader.sample(), System::getenv))
                    .clock(clock)
                    .start()) {
                ChromeDriver browser = HeadlessChromium.start();
                try {
                    HeadlessChromium.signIn(
                            browser, "http://127.0.0.1:" + duty.port() + "/", DutyServices.DUTY_OFFICER);
                    assertThat(browser.findElement(By.id("who")).getText()).contains("duty-officer");
                    assertThat(browser.findElement(By.id("zone")).getText())
                            .isEqualTo("Times are China Standard Time (UTC+08:00)");
                    waitFor(
                            "the map's sites",
                            () -> browser.findElements(By.cssSelector("#map path.site"))
                                            .size()
                                    == RegistryLoader.sample().sites().size());
                    assertThat(browser.findElements(By.cssSelector("#map path.building")))
                            .hasSize(RegistryLoader.sample().buildings().size());
                    assertThat(browser.findElements(By.cssSelector("#alerts li")))
                            .isEmpty();

                    long opened = clock.millis() - 60_000;
                    JobIncidents.write(
                            influxd,
                            "console",
                            JobIncidents.line(
                                    "FE-N01",
                                    "fenggang",
                                    "team-fenggang",
                                    "noise-laeq-1m",
                                    true,
                                    71.2,
                                    "HIGH",
                                    opened,
                                    ""));
                    String id = JobIncidents.id("FE-N01", "noise-laeq-1m", opened);
                    JobIncidents.write(influxd, "console", JobIncidents.noiseAround("FE-N01", opened, 120));
                    By card = By.cssSelector("#alerts li[data-alert-id='" + id + "']");
                    waitFor(
                            "the alert to arrive through the feed",
                            () -> !browser.findElements(card).isEmpty());
                    WebElement alert = browser.findElement(card);
                    assertThat(alert.getAttribute("data-state")).isEqualTo("open");
                    assertThat(alert.getText()).contains("FE-N01").contains("to acknowledge");
                    String left =
                            alert.findElement(By.cssSelector(".countdown")).getText();
                    assertThat(left)
                            .as("minutes left, counted from the service's clock")
                            .matches("^[0-2]\\d:\\d\\d .*")
                            .doesNotContain("overdue");
                    waitFor(
                            "the site to turn the alert's colour (HIGH)",
                            () -> "#ff7a1a"
                                    .equals(browser.findElement(By.cssSelector("#map path.site-FE-N01"))
                                            .getAttribute("fill")));
                    assertThat(browser.findElement(By.cssSelector("#map path.site-FE-N02"))
                                    .getAttribute("fill"))
                            .isEqualTo("#2e7d32");

                    alert.click();
                    waitFor(
                            "the detail panel",
                            () -> browser.findElement(By.id("detail-title"))
                                            .getText()
                                            .contains("(FE-N01)")
                                    && browser.findElement(By.id("btn-ack")).isEnabled());
                    assertThat(browser.findElement(By.id("detail-title")).getText())
                            .isEqualTo(
                                    "凤岗金属表面处理厂东厂界 (FE-N01) · Noise: LAeq over 1-minute intervals above the limit · open");
                    assertThat(browser.findElement(By.id("detail-facts")).getText())
                            .contains("Peak 71.2 dB(A) against a limit of");
                    browser.findElement(By.id("note")).sendKeys("calling the fenggang squad");
                    browser.findElement(By.id("btn-ack")).click();
                    waitFor(
                            "the card to show the acknowledgement",
                            () -> "acknowledged"
                                    .equals(browser.findElement(card).getAttribute("data-state")));
                    waitFor(
                            "the history to show it",
                            () -> browser.findElement(By.id("history"))
                                    .getText()
                                    .contains("acknowledged by duty-officer: calling the fenggang squad"));
                    waitFor(
                            "the steps the server offers after the acknowledgement",
                            () -> !browser.findElement(By.id("btn-ack")).isEnabled()
                                    && browser.findElement(By.id("btn-dispatch"))
                                            .isEnabled()
                                    && browser.findElement(By.id("btn-on-scene"))
                                            .isEnabled());

                    // A notification's link opens the console on its alert.
                    browser.get("about:blank");
                    browser.get("http://127.0.0.1:" + duty.port() + "/console/#alert="
                            + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
                    waitFor(
                            "the linked alert's detail",
                            () -> browser.findElement(By.id("detail-title"))
                                    .getText()
                                    .contains("(FE-N01)"));

                    var stored = new Api(duty).object("/api/v1/alerts/" + id, DutyServices.MONITOR);
                    assertThat(stored.getString("state")).isEqualTo("acknowledged");
                    assertThat(stored.getString("acknowledgedBy")).isEqualTo("duty-officer");

                    waitFor(
                            "the evidence chart",
                            () -> !browser.findElements(By.cssSelector("#chart canvas"))
                                    .isEmpty());
                    // The chart draws the site's readings around the incident: the 120 written, 20 s apart.
                    assertThat(new Api(duty)
                                    .object("/api/v1/alerts/" + id + "/evidence", DutyServices.MONITOR)
                                    .getJsonArray("points"))
                            .hasSizeGreaterThan(50);
                    Path shot = Path.of("target", "duty-console.png");
                    Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
                    byte[] png = Files.readAllBytes(shot);
                    assertThat(png.length)
                            .as("a real picture, not an empty page")
                            .isGreaterThan(20_000);
                    assertThat(List.of(png[1], png[2], png[3])).containsExactly((byte) 'P', (byte) 'N', (byte) 'G');
                } finally {
                    browser.quit();
                }
            }
        }
    }

    private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
        HeadlessChromium.waitFor(what, Duration.ofSeconds(20), condition);
    }
}
