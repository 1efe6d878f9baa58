package io.envwatch.alerting.console;

import static io.envwatch.alerting.console.HeadlessChromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.MovableClock;
import io.envwatch.alerting.api.Api;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The ledger page in headless Chromium: the section chief who owns a verified case whose source has
 * been quiet for the evidence period signs in and closes it out with the button. Skips where no
 * Chromium is installed.
 */
class LedgerBrowserIT {

    @Test
    void aLeaderClosesOutACaseWhoseEvidencePeriodHasPassed() throws Exception {
        assumeTrue(
                HeadlessChromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("ledger");
            MovableClock clock = new MovableClock(Instant.now().minus(Duration.ofDays(40)));
            try (DutyService duty =
                    DutyServices.on(influxd, "ledger").clock(clock).start()) {
                Api api = new Api(duty);
                String id = new JsonObject(api.post(
                                        "/api/v1/cases",
                                        DutyServices.FENGGANG_SQUAD,
                                        "{\"town\":\"fenggang\",\"source\":\"FE-N01\",\"cause\":\"night grinding\",\"households\":20}")
                                .body())
                        .getString("id");
                api.post(
                        "/api/v1/cases/" + id + "/plan",
                        DutyServices.FENGGANG_SQUAD,
                        "{\"opinion\":\"enclose it\"," + "\"deadline\":\""
                                + clock.instant().plus(Duration.ofDays(20)) + "\"}");
                clock.advance(Duration.ofDays(10));
                api.post(
                        "/api/v1/cases/" + id + "/verify",
                        DutyServices.FENGGANG_SQUAD,
                        "{\"note\":\"enclosure built\"}");
                clock.advance(Duration.ofDays(30)); // 40 days after opening, nothing heard from the factory

                ChromeDriver browser = HeadlessChromium.start();
                try {
                    HeadlessChromium.signIn(
                            browser,
                            "http://127.0.0.1:" + duty.port() + "/console/cases.html",
                            DutyServices.SECTION_CHIEF);
                    By row = By.cssSelector("#cases li[data-case-id='" + id + "']");
                    waitFor(
                            "the owner's case in the list",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(row).isEmpty());
                    browser.findElement(row).click();
                    waitFor(
                            "the evidence period, met",
                            Duration.ofSeconds(20),
                            () -> "true"
                                    .equals(browser.findElement(By.id("case-evidence"))
                                            .getDomAttribute("data-met")));
                    assertThat(browser.findElement(By.id("case-evidence")).getText())
                            .contains("may be closed out");
                    waitFor(
                            "the close-out button",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(By.id("btn-close-out")).isEnabled());
                    browser.findElement(By.id("case-note")).sendKeys("quiet for a month after the enclosure");
                    browser.findElement(By.id("btn-close-out")).click();
                    waitFor(
                            "the case closed out",
                            Duration.ofSeconds(20),
                            () -> "closed-out"
                                    .equals(browser.findElement(By.id("case-title"))
                                            .getDomAttribute("data-state")));
                    Files.write(Path.of("target", "ledger-console.png"), browser.getScreenshotAs(OutputType.BYTES));
                } finally {
                    browser.quit();
                }
                JsonObject stored = api.object("/api/v1/cases/" + id, DutyServices.MONITOR);
                assertThat(stored.getString("state")).isEqualTo("closed-out");
                assertThat(stored.getJsonArray("timeline")
                                .getJsonObject(stored.getJsonArray("timeline").size() - 1)
                                .getString("by"))
                        .isEqualTo("fenggang-section-chief");
            }
        }
    }

    /**
     * The town's squad opens a case with who it concerns, is refused a key person given by name,
     * and registers the people again as the case develops: the page shows what the ledger holds.
     */
    @Test
    void theSquadRegistersWhoACaseConcernsAndANameIsRefused() throws Exception {
        assumeTrue(
                HeadlessChromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("ledgerpeople");
            try (DutyService duty = DutyServices.start(influxd, "ledgerpeople")) {
                ChromeDriver browser = HeadlessChromium.start();
                try {
                    HeadlessChromium.signIn(
                            browser,
                            "http://127.0.0.1:" + duty.port() + "/console/cases.html",
                            DutyServices.FENGGANG_SQUAD);
                    waitFor(
                            "the open-case form",
                            Duration.ofSeconds(20),
                            () -> browser.findElements(By.cssSelector("#open-town option"))
                                            .size()
                                    > 1);
                    browser.findElement(By.cssSelector("#open-case summary")).click();
                    choose(browser, "open-town", "fenggang");
                    choose(browser, "open-source", "FE-N01");
                    browser.findElement(By.id("open-cause")).sendKeys("night grinding");
                    browser.findElement(By.id("open-people")).clear();
                    browser.findElement(By.id("open-people")).sendKeys("40");
                    browser.findElement(By.id("open-key-persons")).sendKeys("KP-7F3A21");
                    browser.findElement(By.id("open-forecast")).sendKeys("a joint petition if night work goes on");
                    browser.findElement(By.id("btn-open")).click();
                    waitFor(
                            "the case with its people",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(By.cssSelector("#case-facts .people-involved"))
                                    .isEmpty());
                    assertThat(browser.findElement(By.id("case-facts")).getText())
                            .contains("40 people involved")
                            .contains("KP-7F3A21")
                            .contains("a joint petition if night work goes on");

                    browser.findElement(By.id("case-key-persons")).clear();
                    browser.findElement(By.id("case-key-persons")).sendKeys("张三");
                    browser.findElement(By.id("btn-people")).click();
                    waitFor(
                            "the refusal",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(By.id("message"))
                                    .getText()
                                    .contains("pseudonymous"));

                    browser.findElement(By.id("case-people")).clear();
                    browser.findElement(By.id("case-people")).sendKeys("120");
                    browser.findElement(By.id("case-key-persons")).clear();
                    browser.findElement(By.id("case-key-persons")).sendKeys("KP-7F3A21, KP-0B99");
                    browser.findElement(By.id("btn-people")).click();
                    waitFor(
                            "the people registered again",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(By.id("case-facts"))
                                    .getText()
                                    .contains("120 people involved"));
                    assertThat(browser.findElement(By.id("case-facts")).getText())
                            .contains("KP-7F3A21, KP-0B99");
                    assertThat(browser.findElement(By.id("history")).getText()).contains("people registered");
                    Files.write(Path.of("target", "ledger-people.png"), browser.getScreenshotAs(OutputType.BYTES));
                } finally {
                    browser.quit();
                }
            }
        }
    }

    /** Picks an option as a person would, the page hearing the change. */
    private static void choose(ChromeDriver browser, String select, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                                + " s.dispatchEvent(new Event('change'));",
                        select,
                        value);
    }

    @Test
    void theTownsSquadReadsATipAndVerifiesItAndTheReadIsRecorded() throws Exception {
        assumeTrue(
                HeadlessChromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("tipview");
            try (DutyService duty = DutyServices.start(influxd, "tipview")) {
                HttpResponse<String> filed = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + duty.port() + "/api/v1/tips"))
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"class\":\"idle-treatment-facility\","
                                                                + "\"town\":\"fenggang\",\"text\":\"The treatment plant at the dye works is switched off at night\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                String id = new JsonObject(filed.body()).getString("tip");

                ChromeDriver browser = HeadlessChromium.start();
                try {
                    HeadlessChromium.signIn(
                            browser,
                            "http://127.0.0.1:" + duty.port() + "/console/tips.html",
                            DutyServices.FENGGANG_SQUAD);
                    By row = By.cssSelector("#tips li[data-tip-id='" + id + "']");
                    waitFor(
                            "the tip in the list",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(row).isEmpty());
                    browser.findElement(row).click();
                    waitFor(
                            "the tip's text",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(By.id("tip-text"))
                                    .getText()
                                    .contains("switched off at night"));
                    browser.findElement(By.id("tip-findings-input"))
                            .sendKeys("plant found idle; restarted under supervision");
                    browser.findElement(By.id("btn-substantiated")).click();
                    waitFor(
                            "the tip substantiated",
                            Duration.ofSeconds(20),
                            () -> "substantiated"
                                    .equals(browser.findElement(By.id("tip-title"))
                                            .getDomAttribute("data-state")));
                    assertThat(browser.findElement(By.id("btn-reward")).isEnabled())
                            .as("money is the duty leader's")
                            .isFalse();
                    Files.write(Path.of("target", "tips-console.png"), browser.getScreenshotAs(OutputType.BYTES));
                } finally {
                    browser.quit();
                }
                JsonObject stored = new Api(duty).object("/api/v1/tips/" + id, DutyServices.DUTY_LEADER);
                assertThat(stored.getString("status")).isEqualTo("substantiated");
                assertThat(stored.getString("findings")).isEqualTo("plant found idle; restarted under supervision");
                assertThat(stored.getJsonArray("readLog").stream()
                                .map(r -> ((JsonObject) r).getString("by"))
                                .toList())
                        .startsWith("fenggang-squad");
            }
        }
    }
}
