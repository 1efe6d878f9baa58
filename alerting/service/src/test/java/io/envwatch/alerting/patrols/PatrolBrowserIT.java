package io.envwatch.alerting.patrols;

import static io.envwatch.alerting.console.HeadlessChromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.alerting.console.HeadlessChromium;
import io.envwatch.alerting.notifications.ProviderStub;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The patrol page on a phone-sized headless Chromium whose position the test sets: the grid
 * officer checks in at the village gate, is refused at the works from 2 km away, and files a finding
 * with a photo; then the duty officer reads the round and the finding with its photo on the Grids
 * page and takes it into a new case.
 */
class PatrolBrowserIT {
    @Test
    void theOfficerChecksInWhereThePhoneIsAndTheDutyRoomTakesTheFindingIntoACase(@TempDir Path photos)
            throws Exception {
        assumeTrue(
                HeadlessChromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        try (ProviderStub hooks = new ProviderStub(Map.of("/hook", "{}"));
                LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("patrol");
            MovableClock clock = new MovableClock(PatrolsApiIT.START);
            try (DutyService duty = DutyServices.on(influxd, "patrol")
                    .settings(PatrolsApiIT.settings(photos, hooks.url()))
                    .clock(clock)
                    .start()) {
                String base = "http://127.0.0.1:" + duty.port();
                Path picture = Files.write(photos.resolveSibling("back-gate.jpg"), PatrolsApiIT.jpeg());
                ChromeDriver browser = HeadlessChromium.start();
                try {
                    browser.manage().window().setSize(new org.openqa.selenium.Dimension(400, 860));
                    browser.executeCdpCommand(
                            "Browser.grantPermissions", Map.of("origin", base, "permissions", List.of("geolocation")));
                    at(browser, 22.7326, 114.1256, 12);
                    HeadlessChromium.signIn(browser, base + "/console/patrol.html", PatrolsApiIT.FENGDELING);
                    assertThat(browser.findElement(By.cssSelector("#page-header nav"))
                                    .isDisplayed())
                            .as("field staff are shown no other page")
                            .isFalse();
                    By gate = By.cssSelector("section[data-grid='FG-FENGDELING-1'] li.round[data-start='08:30'] "
                            + "li.point[data-point='gate']");
                    waitFor(
                            "the morning round",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(gate).isEmpty());
                    browser.findElement(gate)
                            .findElement(By.cssSelector("button.check-in"))
                            .click();
                    waitFor(
                            "the gate checked in",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(gate)
                                    .getDomAttribute("class")
                                    .contains("visited"));
                    assertThat(browser.findElement(By.id("message")).getText())
                            .matches("Checked in at 凤德岭村口, \\d+ m from it");

                    at(browser, 22.75, 114.13, 10);
                    By works = By.cssSelector("section[data-grid='FG-FENGDELING-1'] li.round[data-start='08:30'] "
                            + "li.point[data-point='metalworks'] button.check-in");
                    browser.findElement(works).click();
                    waitFor(
                            "the refusal",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(By.id("message"))
                                    .getText()
                                    .startsWith("you are"));
                    assertThat(browser.findElement(By.id("message")).getText())
                            .contains("m from 金属表面处理厂下风向厂界: check in within 100 m of it");

                    at(browser, 22.7321, 114.1246, 8);
                    choose(browser, "finding-category", "odour");
                    browser.findElement(By.id("finding-text")).sendKeys("酸雾从后门飘出，附近居民关窗");
                    browser.findElement(By.id("finding-photo")).sendKeys(picture.toString());
                    browser.findElement(By.id("btn-file")).click();
                    waitFor(
                            "the finding filed",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(By.id("message"))
                                    .getText()
                                    .matches("Finding F-[0-9A-Z]+ filed"));
                    String finding =
                            browser.findElement(By.id("message")).getText().split(" ")[1];
                    Files.write(Path.of("target", "patrol-page.png"), browser.getScreenshotAs(OutputType.BYTES));

                    browser.findElement(By.id("sign-out")).click();
                    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
                    HeadlessChromium.signIn(browser, base + "/console/grids.html", DutyServices.DUTY_OFFICER);
                    By round = By.cssSelector("#rounds tr[data-grid='FG-FENGDELING-1'][data-start='08:30']");
                    waitFor(
                            "the round listed",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(round).isEmpty());
                    assertThat(browser.findElement(round).getDomAttribute("data-status"))
                            .isEqualTo("under-way");
                    assertThat(browser.findElement(round).getText()).contains("1 / 2");
                    By photo = By.cssSelector("#findings li[data-finding='" + finding + "'] img.finding-photo");
                    waitFor(
                            "the photo shown",
                            Duration.ofSeconds(20),
                            () -> ((Number) ((JavascriptExecutor) browser)
                                                    .executeScript(
                                                            "return arguments[0].naturalWidth",
                                                            browser.findElement(photo)))
                                            .intValue()
                                    > 0);
                    assertThat(browser.findElement(By.cssSelector("#findings li[data-finding='" + finding + "']"))
                                    .getText())
                            .contains("酸雾从后门飘出")
                            .contains("凤德岭村")
                            .contains("fengdeling-grid-officer");

                    choose(browser, "take-finding", finding);
                    waitFor(
                            "the sources of the town",
                            Duration.ofSeconds(20),
                            () -> browser.findElements(By.cssSelector("#take-source option[value='FE-O01']"))
                                            .size()
                                    == 1);
                    choose(browser, "take-source", "FE-O01");
                    browser.findElement(By.id("btn-take")).click();
                    waitFor(
                            "the case opened",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(By.id("message"))
                                    .getText()
                                    .contains("is evidence in case CASE-"));
                    Files.write(Path.of("target", "grids-page.png"), browser.getScreenshotAs(OutputType.BYTES));
                    String caseId =
                            browser.findElement(By.id("message")).getText().replaceAll(".* in case ", "");
                    JsonObject c = new Api(duty).object("/api/v1/cases/" + caseId, DutyServices.DUTY_OFFICER);
                    assertThat(c.getJsonArray("patrolFindings")).containsExactly(finding);
                    assertThat(c.getString("source")).isEqualTo("FE-O01");
                    assertThat(c.getString("cause")).isEqualTo("酸雾从后门飘出，附近居民关窗");
                } finally {
                    browser.quit();
                }
            }
        }
    }

    /** Picks an option as a person does: the value set, then the change the page listens for. */
    private static void choose(ChromeDriver browser, String select, String value) {
        browser.executeScript(
                "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                        + " s.dispatchEvent(new Event('change', {bubbles: true}));",
                select,
                value);
        assertThat(browser.findElement(By.id(select)).getDomProperty("value")).isEqualTo(value);
    }

    private static void at(ChromeDriver browser, double lat, double lon, double accuracy) {
        browser.executeCdpCommand(
                "Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon, "accuracy", accuracy));
    }
}
