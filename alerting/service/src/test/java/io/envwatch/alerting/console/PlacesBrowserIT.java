package io.envwatch.alerting.console;

import static io.envwatch.alerting.console.HeadlessChromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.local.LocalInfluxd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Places page in headless Chromium, on the service's own clock: last month 雁田村's complaints
 * tripled, so it is under special supervision; the section chief reads why, records an interview of
 * its head through the form and sees it listed; the year's assessment shows 三联村 vetoed (escalated
 * complaints this year, none last year); this month's reception days are listed.
 */
class PlacesBrowserIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private int n;

    @Test
    void aLeaderReadsTheSupervisionRecordsAnInterviewAndSeesTheAssessment() throws Exception {
        assumeTrue(
                HeadlessChromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        YearMonth thisMonth = YearMonth.now(ZONE);
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("places");
            List<String> lines = new ArrayList<>();
            add(lines, "FG-YANTIAN", thisMonth.minusMonths(2), 2, false);
            add(lines, "FG-YANTIAN", thisMonth.minusMonths(1), 6, false);
            // This month, so that it is this year's whatever the month: none last year, so vetoed.
            add(lines, "FG-SANLIAN", thisMonth, 1, true);
            JobIncidents.write(influxd, "places", lines.toArray(String[]::new));
            try (DutyService duty = DutyServices.start(influxd, "places")) {
                duty.pollCasesNow().get(20, TimeUnit.SECONDS); // last month checked
                ChromeDriver browser = HeadlessChromium.start();
                try {
                    HeadlessChromium.signIn(
                            browser,
                            "http://127.0.0.1:" + duty.port() + "/console/places.html",
                            DutyServices.SECTION_CHIEF);
                    By yantian = By.cssSelector("#supervision li[data-village='FG-YANTIAN']");
                    waitFor(
                            "雁田村 under supervision",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(yantian).isEmpty());
                    assertThat(browser.findElement(yantian).getText())
                            .contains("雁田村")
                            .contains("since " + thisMonth.atDay(1))
                            .contains("complaints rose from 2 to 6");

                    browser.findElement(By.id("interview-village")).sendKeys("雁田村");
                    browser.findElement(By.id("interview-interviewee")).sendKeys("雁田村村委会主任");
                    browser.findElement(By.id("interview-findings")).sendKeys("night work at two plants");
                    browser.findElement(By.id("interview-commitments")).sendKeys("nightly patrols for a month");
                    browser.findElement(By.id("btn-interview")).click();
                    waitFor(
                            "the interview listed",
                            Duration.ofSeconds(20),
                            () -> browser.findElement(yantian).getText().contains("nightly patrols for a month"));
                    assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Interview recorded");

                    By sanlian = By.cssSelector("#assessment tr[data-village='FG-SANLIAN']");
                    waitFor(
                            "the assessment",
                            Duration.ofSeconds(20),
                            () -> !browser.findElements(sanlian).isEmpty());
                    assertThat(browser.findElement(sanlian).getDomAttribute("data-veto"))
                            .isEqualTo("true");
                    assertThat(browser.findElement(sanlian).getText()).contains("vetoed");
                    assertThat(browser.findElement(By.cssSelector("#assessment tr[data-village='FG-YANTIAN']"))
                                    .getDomAttribute("data-veto"))
                            .isEqualTo("false");
                    assertThat(browser.findElement(By.id("reception")).getText())
                            .contains(thisMonth.atDay(15).toString());
                    Files.write(Path.of("target", "places-console.png"), browser.getScreenshotAs(OutputType.BYTES));
                } finally {
                    browser.quit();
                }
            }
        }
    }

    private void add(List<String> lines, String village, YearMonth month, int count, boolean escalated) {
        for (int i = 0; i < count; i++) {
            long t = LocalDate.of(month.getYear(), month.getMonth(), 10 + i)
                    .atTime(20, 0)
                    .atZone(ZONE)
                    .toInstant()
                    .toEpochMilli();
            lines.add(JobIncidents.complaint("P-" + (n++), village, "hotline", true, escalated, t));
        }
    }
}
