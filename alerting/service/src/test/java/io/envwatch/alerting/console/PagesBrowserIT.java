package io.envwatch.alerting.console;

import static io.envwatch.alerting.console.HeadlessChromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the pages show a person, in a browser whose own clock is in New York: a deadline typed on the
 * Ledger is the district's wall-clock time; times read in one format on the district's clock; a
 * registry name with markup in it is shown as text on the map. Skips where no Chromium is installed.
 */
@Tag("security")
class PagesBrowserIT {
    private static final String HOSTILE = "<img src=x id=planted onerror=alert(1)>Metal works";

    @Test
    void deadlinesAndTimesAreTheDistrictsAndRegistryNamesAreText() throws Exception {
        assumeTrue(
                HeadlessChromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        String sample = RegistryLoader.sampleText();
        int name = sample.indexOf("name:", sample.indexOf("id: FE-N01"));
        String line = sample.substring(name, sample.indexOf('\n', name));
        Registry hostile = RegistryLoader.parse("hostile", sample.replace(line, "name: '" + HOSTILE + "'"));
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("pages");
            try (DutyService duty = DutyService.builder(hostile, InfluxSettings.v1(influxd.url(), "pages"))
                    .port(0)
                    .start()) {
                Api api = new Api(duty);
                String id = new JsonObject(api.post(
                                        "/api/v1/cases",
                                        DutyServices.FENGGANG_SQUAD,
                                        "{\"town\":\"fenggang\",\"source\":\"FE-N01\",\"cause\":\"night grinding\",\"households\":20}")
                                .body())
                        .getString("id");
                ChromeDriver browser = HeadlessChromium.start("America/New_York");
                try {
                    String base = "http://127.0.0.1:" + duty.port() + "/console/";
                    HeadlessChromium.signIn(browser, base + "cases.html", DutyServices.SECTION_CHIEF);
                    By row = By.cssSelector("#cases li[data-case-id='" + id + "']");
                    waitFor(
                            "the case in the list",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(row).isEmpty());
                    browser.findElement(row).click();
                    waitFor(
                            "the case shown",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(By.id("case-title"))
                                    .getText()
                                    .contains(id));
                    browser.findElement(By.id("case-note")).sendKeys("enclose the grinder");
                    // datetime-local as a person types it: the district's 18:00 on 10 January 2027.
                    ((JavascriptExecutor) browser)
                            .executeScript(
                                    "document.getElementById('case-deadline').value = arguments[0]",
                                    "2027-01-10T18:00");
                    browser.findElement(By.id("btn-plan")).click();
                    waitFor(
                            "the plan stored",
                            Duration.ofSeconds(20),
                            () -> "rectifying"
                                    .equals(browser.findElement(By.id("case-title"))
                                            .getDomAttribute("data-state")));
                    String history = browser.findElement(By.id("history")).getText();
                    assertThat(history)
                            .as("one format, the district's clock")
                            .containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} opened by");

                    browser.get(base);
                    waitFor(
                            "the map",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(By.cssSelector(".site-FE-N01"))
                                    .isEmpty());
                    ((JavascriptExecutor) browser)
                            .executeScript(
                                    "arguments[0].dispatchEvent(new MouseEvent('mouseover', " + "{bubbles: true}))",
                                    browser.findElement(By.cssSelector(".site-FE-N01")));
                    // The towns' and the assessment section's names are tooltips that stay; the site's is the one that
                    // opens.
                    By siteTooltip = By.cssSelector(".leaflet-tooltip:not(.town-label):not(.station-label)");
                    waitFor(
                            "the site's tooltip",
                            Duration.ofSeconds(10),
                            () -> !browser.findElements(siteTooltip).isEmpty());
                    String tooltip = browser.findElement(siteTooltip).getText();
                    System.out.printf(
                            "attack: a registry site named %s -> tooltip text \"%s\", planted element %s, "
                                    + "page title \"%s\"%n",
                            HOSTILE,
                            tooltip,
                            browser.findElements(By.id("planted")).isEmpty() ? "absent" : "present",
                            browser.getTitle());
                    assertThat(tooltip).contains("<img src=x");
                    assertThat(browser.findElements(By.id("planted")))
                            .as("markup from the registry")
                            .isEmpty();
                } finally {
                    browser.quit();
                }
                long deadline = Instant.parse(api.object("/api/v1/cases/" + id, DutyServices.DUTY_OFFICER)
                                .getString("deadline"))
                        .toEpochMilli();
                assertThat(Instant.ofEpochMilli(deadline))
                        .as("18:00 in Dongguan, typed in a browser set to New York")
                        .isEqualTo(Instant.parse("2027-01-10T10:00:00Z"));
            }
        }
    }
}
