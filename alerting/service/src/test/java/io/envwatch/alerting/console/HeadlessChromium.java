package io.envwatch.alerting.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (no downloads: the machines
 * have no internet). Shared with the demo's test through this module's test jar.
 */
public final class HeadlessChromium {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static ChromeDriver start() throws Exception {
        return start(null);
    }

    /** @param zone the browser's own clock zone (TZ), or null for the machine's */
    public static ChromeDriver start(String zone) throws Exception {
        Path profile = Files.createTempDirectory("envwatch-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps dialling Google on a closed network.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,900",
                "--user-data-dir=" + profile);
        ChromeDriverService.Builder builder = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort();
        if (zone != null) {
            builder.withEnvironment(java.util.Map.of("TZ", zone));
        }
        ChromeDriverService service = builder.build();
        // The profile folder goes with the browser: otherwise every browser test leaves one in /tmp.
        ChromeDriver driver = new ChromeDriver(service, options) {
            @Override
            public void quit() {
                try {
                    super.quit();
                } finally {
                    deleteQuietly(profile);
                }
            }
        };
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a browser process still writing: what is left is in /tmp, named envwatch-chromium-*
        }
    }

    /** Waits for what the page does on its own (the feed, rendering), up to {@code limit}. */
    public static void waitFor(String what, Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < until) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e; // the element may not be there yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what, last);
    }

    /** Signs in to the console at {@code consoleUrl} in English and waits until its page is live. */
    public static void signIn(WebDriver browser, String consoleUrl, String token) throws InterruptedException {
        signIn(browser, consoleUrl, token, "en");
    }

    /**
     * Signs in to the console at {@code consoleUrl}, having chosen {@code language} in this browser
     * as a person does with the header's picker, and waits until its page is live.
     */
    public static void signIn(WebDriver browser, String consoleUrl, String token, String language)
            throws InterruptedException {
        browser.get(consoleUrl);
        ((JavascriptExecutor) browser)
                .executeScript("localStorage.setItem('envwatch.language', arguments[0])", language);
        browser.navigate().refresh();
        waitFor(
                "the sign-in form",
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("token")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in-button")).click();
        waitFor(
                "the live page",
                Duration.ofSeconds(20),
                () -> "live".equals(browser.findElement(By.id("live-status")).getDomAttribute("class")));
    }
}
