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
 */
public record AlertSettings(
        Duration acknowledgeWithin,
        Duration onSceneWithin,
        Duration reopenWithin,
        Duration incidentLookback,
        Duration pollEvery) {

    /** The {@code deadlines}, {@code reopenWithin}, {@code incidentLookback} and {@code pollEvery} settings. */
    public static AlertSettings read(SettingsReader r) {
        return new AlertSettings(
                r.duration("/deadlines/acknowledge", "PT5M"),
                r.duration("/deadlines/onScene", "PT30M"),
                r.duration("/reopenWithin", "PT2H"),
                r.duration("/incidentLookback", "PT24H"),
                r.duration("/pollEvery", "PT2S"));
    }
}
