package io.envwatch.alerting.alerts;

import io.envwatch.alerting.settings.SettingsReader;
import java.time.Duration;

/**
 * How the duty room works its alerts.
 *
 * @param acknowledgeWithin an open alert not acknowledged this long after it opened escalates
 * @param onSceneWithin an acknowledged alert nobody reported on scene this long after escalates
 * @param reopenWithin a new incident of the same site and rule this soon after a resolution
 *     reopens the resolved alert instead of opening another
 * @param incidentLookback how far back the service looks for the job's incidents on each poll
 * @param pollEvery how often it looks
 * @param consoleUrl where people open the console (the service's public address): the link every
 *     notification ends with
 */
public record AlertSettings(
        Duration acknowledgeWithin,
        Duration onSceneWithin,
        Duration reopenWithin,
        Duration incidentLookback,
        Duration pollEvery,
        String consoleUrl) {
    /** Where the console is when no address is set: this machine, the service's default port. */
    public static final String LOCAL_CONSOLE = "http://127.0.0.1:8090";

    /**
     * The {@code deadlines}, {@code reopenWithin}, {@code incidentLookback}, {@code pollEvery} and
     * {@code consoleUrl} settings.
     */
    public static AlertSettings read(SettingsReader r) {
        return new AlertSettings(
                r.duration("/deadlines/acknowledge", "PT5M"),
                r.duration("/deadlines/onScene", "PT30M"),
                r.duration("/reopenWithin", "PT2H"),
                r.duration("/incidentLookback", "PT24H"),
                r.duration("/pollEvery", "PT2S"),
                consoleUrl(r));
    }

    private static String consoleUrl(SettingsReader r) {
        String url = r.text("/consoleUrl", false);
        if (url == null) {
            return LOCAL_CONSOLE;
        }
        if (!url.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            r.problem("/consoleUrl", "must be the console's http or https address, such as https://duty.example.cn");
        }
        return url;
    }
}
