package io.envwatch.alerting.console;

import static io.envwatch.alerting.console.HeadlessChromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.envwatch.alerting.DutyService;
import io.envwatch.alerting.DutyServices;
import io.envwatch.alerting.DutySettingsLoader;
import io.envwatch.alerting.alerts.JobIncidents;
import io.envwatch.alerting.api.Api;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.local.LocalInfluxd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page of the console in both languages, in headless Chromium, over a district with an alert
 * near homes, a case, a tip, a campaign and a month of ratings: no key without words, no English
 * left on a Chinese page and no Chinese on an English one (outside what the registry and people
 * wrote), the map a duty officer recognises, and a screenshot of each page kept in
 * {@code target/screenshots}. Skips where no Chromium is installed.
 */
class LanguagesBrowserIT {
    private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
    private static final List<String> PAGES = List.of(
            "index.html",
            "cases.html",
            "tips.html",
            "campaigns.html",
            "ratings.html",
            "places.html",
            "grids.html",
            "patrol.html");

    /**
     * What a page says outside data: every text node and labelling attribute not inside a
     * {@code .datum} element, with the standards' symbols and the key persons' reference format (KP-...) taken out.
     */
    private static final String SAID = """
            const symbols = /EnvWatch|LAeq|dB\\(A\\)|mg\\/m3|mg\\/L|UTC|HTTP|KP-[A-Z0-9]+/g;
            const said = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const p = n.parentElement;
              if (!p || p.closest('.datum, script, style')) continue;
              if (n.textContent.trim()) said.push(n.textContent.trim());
            }
            for (const e of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
              if (e.closest('.datum')) continue;
              for (const a of ['placeholder', 'aria-label', 'title']) {
                if (e.getAttribute(a)) said.push(e.getAttribute(a));
              }
            }
            return said.map((s) => s.replace(symbols, ''));
            """;

    @Test
    void everyPageSpeaksTheReadersLanguageAndTheMapShowsTheDistrict() throws Exception {
        assumeTrue(
                HeadlessChromium.installed(),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            influxd.createDatabase("languages");
            String fastPolls = DutySettingsLoader.sampleText().replace("pollEvery: PT2S", "pollEvery: PT0.5S");
            try (DutyService duty = DutyServices.on(influxd, "languages")
                    .settings(DutySettingsLoader.parse("test", fastPolls, RegistryLoader.sample(), System::getenv))
                    .start()) {
                String alert = seed(influxd, duty);
                Path shots = Files.createDirectories(Path.of("target", "screenshots"));
                ChromeDriver browser = HeadlessChromium.start();
                try {
                    String base = "http://127.0.0.1:" + duty.port() + "/console/";
                    for (String language : List.of("zh-CN", "en")) {
                        HeadlessChromium.signIn(browser, base, DutyServices.DUTY_LEADER, language);
                        for (String page : PAGES) {
                            browser.get(base + page + (page.equals("index.html") ? "#alert=" + alert : ""));
                            open(browser, page);
                            List<String> said = said(browser);
                            if (language.equals("zh-CN")) {
                                assertThat(said)
                                        .as(page + ": English left on a Chinese page")
                                        .noneMatch(s -> s.matches("(?s).*[A-Za-z].*"));
                            } else {
                                assertThat(said)
                                        .as(page + ": Chinese left on an English page")
                                        .noneMatch(s -> s.codePoints()
                                                .anyMatch(c ->
                                                        Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
                            }
                            assertThat(missing(browser))
                                    .as(page + ": keys without words in " + language)
                                    .isEmpty();
                            Files.write(
                                    shots.resolve(language + "-" + page.replace(".html", ".png")),
                                    browser.getScreenshotAs(OutputType.BYTES));
                        }
                        signOut(browser);
                    }
                    theMapShowsTheDistrict(browser, base, alert);
                } finally {
                    browser.quit();
                }
            }
        }
    }

    /** An alert near homes with its evidence, a case, a tip, a campaign and last month's ratings. */
    private static String seed(LocalInfluxd influxd, DutyService duty) throws Exception {
        long opened = System.currentTimeMillis() - 60_000;
        DutyAlertPoint incident = new DutyAlertPoint(
                "FE-N01",
                "noise-laeq-1m",
                "fenggang",
                "team-fenggang",
                JobIncidents.id("FE-N01", "noise-laeq-1m", opened),
                "open",
                "noise",
                70.04,
                71.2,
                55.0,
                "night",
                opened,
                "HIGH",
                List.of("B-FE-01@48", "B-FE-15@230"),
                List.of(),
                opened);
        JobIncidents.write(influxd, "languages", incident.toLine());
        JobIncidents.write(influxd, "languages", JobIncidents.noiseAround("FE-N01", opened, 90));
        Api api = new Api(duty);
        assertThat(api.post(
                                "/api/v1/cases",
                                DutyServices.FENGGANG_SQUAD,
                                "{\"town\":\"fenggang\",\"source\":\"FE-N01\",\"cause\":\"夜间打磨噪声扰民\","
                                        + "\"unit\":\"东莞市凤岗金属表面处理有限公司\",\"households\":20}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/v1/tips",
                                null,
                                "{\"class\":\"hidden-discharge-pipe\",\"town\":\"fenggang\","
                                        + "\"text\":\"凤岗金属表面处理厂后面有暗管，夜间排放\"}")
                        .statusCode())
                .isEqualTo(201);
        LocalDate today = LocalDate.now(DISTRICT);
        String campaign = "{\"name\":\"夜间噪声专项整治\",\"towns\":[\"fenggang\",\"tangxia\"],\"categories\":[\"noise\"],"
                + "\"from\":\"" + today.withDayOfMonth(1) + "\",\"until\":\"" + today.plusDays(20) + "\","
                + "\"baselineFrom\":\"" + today.withDayOfMonth(1).minusYears(1) + "\",\"baselineUntil\":\""
                + today.plusDays(20).minusYears(1) + "\",\"targets\":{\"complaints\":-30,\"escalated\":-25}}";
        assertThat(api.post("/api/v1/campaigns", DutyServices.DUTY_LEADER, campaign)
                        .statusCode())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/ratings/compute", DutyServices.DUTY_LEADER, "")
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/patrols/findings",
                                "yantian-information-demo-token",
                                "{\"grid\":\"FG-YANTIAN-1\",\"category\":\"noise\",\"text\":\"塑胶厂今晚赶货\","
                                        + "\"lat\":22.7396,\"lon\":114.1401,\"accuracy\":20,\"clientTime\":"
                                        + System.currentTimeMillis() + "}")
                        .statusCode())
                .isEqualTo(201);
        return incident.id();
    }

    /** Waits for the page's data and opens its first entry, so its detail is worded too. */
    private static void open(ChromeDriver browser, String page) throws InterruptedException {
        String list = switch (page) {
            case "index.html" -> "#alerts li";
            case "cases.html" -> "#cases li";
            case "tips.html" -> "#tips li";
            case "campaigns.html" -> "#campaigns li";
            case "places.html" -> "#ranking tbody tr";
            case "grids.html" -> "#rounds tbody tr";
            case "patrol.html" -> "#grids section";
            default -> "#ratings tbody tr";
        };
        waitFor(
                page + "'s list",
                Duration.ofSeconds(20),
                () -> !browser.findElements(By.cssSelector(list)).isEmpty());
        if (!List.of("index.html", "places.html", "grids.html", "patrol.html").contains(page)) {
            browser.findElements(By.cssSelector(list)).get(0).click();
        }
        String detail = switch (page) {
            case "index.html" -> "#history li";
            case "cases.html" -> "#history li";
            case "tips.html" -> "#history li";
            case "campaigns.html" -> "#progress tbody tr";
            case "places.html" -> "#assessment tbody tr";
            case "grids.html" -> "#findings li";
            case "patrol.html" -> "#grids li.round";
            default -> "#history tbody tr";
        };
        waitFor(
                page + "'s detail",
                Duration.ofSeconds(20),
                () -> !browser.findElements(By.cssSelector(detail)).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<String> said(ChromeDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(SAID);
    }

    @SuppressWarnings("unchecked")
    private static List<String> missing(ChromeDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return [...window.Words.missing]");
    }

    private static void signOut(ChromeDriver browser) throws InterruptedException {
        browser.findElement(By.id("sign-out")).click();
        waitFor(
                "the sign-in form",
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("token")).isDisplayed());
    }

    /**
     * The map in Chinese: the four towns outlined and named, the river with its assessment section,
     * the site in alert labelled with its name and severity, its homes shown with their distance,
     * and a legend; the language picker turns the page English.
     */
    private static void theMapShowsTheDistrict(ChromeDriver browser, String base, String alert) throws Exception {
        HeadlessChromium.signIn(browser, base, DutyServices.DUTY_OFFICER, "zh-CN");
        // The whole district: every home a dot a person sees at this zoom, not a footprint too small to draw.
        waitFor(
                "the district's homes",
                Duration.ofSeconds(20),
                () -> browser.findElements(By.cssSelector("#map path.building")).size()
                        == RegistryLoader.sample().buildings().size());
        assertThat(browser.findElements(By.cssSelector("#map path.building")))
                .allMatch(
                        home -> home.getSize().getWidth() >= 5 && home.getSize().getHeight() >= 5);
        Files.write(Path.of("target", "screenshots", "zh-CN-district.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.get("about:blank");
        browser.get(base + "#alert=" + alert);
        waitFor(
                "the alert's homes on the map",
                Duration.ofSeconds(20),
                () -> browser.findElements(By.cssSelector("#map path.home-near"))
                                .size()
                        == 2);
        assertThat(browser.findElements(By.cssSelector("#map path.town"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector(".town-label")).stream()
                        .map(e -> e.getDomProperty("textContent"))
                        .toList())
                .containsExactlyInAnyOrder("凤岗", "塘厦", "常平", "桥头");
        assertThat(browser.findElements(By.cssSelector("#map path.river"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#map path.station"))).hasSize(6);
        assertThat(browser.findElement(By.cssSelector(".station-label")).getDomProperty("textContent"))
                .isEqualTo("旗岭 · 国考断面");
        assertThat(browser.findElement(By.cssSelector(".site-label")).getDomProperty("textContent"))
                .isEqualTo("凤岗金属表面处理厂东厂界 · 高");
        assertThat(browser.findElements(By.cssSelector(".home-label")).stream()
                        .map(e -> e.getDomProperty("textContent"))
                        .toList())
                .containsExactlyInAnyOrder("凤岗佳园1栋 48 米", "凤岗新河公寓 230 米");
        assertThat(browser.findElement(By.cssSelector(".legend")).getDomProperty("textContent"))
                .contains("图例", "告警监测点：严重", "无告警监测点", "所选告警附近住宅", "镇街边界");
        assertThat(browser.findElement(By.id("detail-facts")).getText())
                .contains("附近住宅：凤岗佳园1栋 48 米、凤岗新河公寓 230 米")
                .contains("峰值 71.2 dB(A)，限值 55.0 dB(A)（夜间）");
        Files.write(Path.of("target", "screenshots", "zh-CN-map.png"), browser.getScreenshotAs(OutputType.BYTES));

        // The picker: the person's choice, kept in this browser, over the district's language.
        ((JavascriptExecutor) browser)
                .executeScript("const s = document.getElementById('language'); s.value = 'en';"
                        + " s.dispatchEvent(new Event('change'));");
        waitFor(
                "the page in English",
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("detail-facts")).getText().contains("homes nearby:"));
        assertThat(browser.findElement(By.cssSelector(".site-label")).getDomProperty("textContent"))
                .isEqualTo("凤岗金属表面处理厂东厂界 · high");
    }
}
