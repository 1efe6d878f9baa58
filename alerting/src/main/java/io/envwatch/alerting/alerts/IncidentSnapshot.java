package io.envwatch.alerting.alerts;

import java.util.List;

/**
 * An incident as the stream job last stored it (measurement {@code duty_alert}): what an opened,
 * updated or reopened event carries into the alert.
 *
 * @param start when the incident started, event time, epoch ms
 * @param active false once the job cleared the incident
 */
public record IncidentSnapshot(
        String incidentId,
        String kind,
        String site,
        String town,
        String team,
        String quantity,
        double value,
        double peak,
        double limit,
        String period,
        String severity,
        List<String> buildings,
        List<String> complaints,
        long start,
        boolean active) {

    /**
     * What counts as a change worth an event: the peak, the severity, the buildings and complaints
     * and whether it is still active. The latest value alone is not: it moves every interval and
     * would fill the history with noise.
     */
    public String signature() {
        return active + "|" + peak + "|" + severity + "|" + String.join(",", buildings) + "|" + String.join(",", complaints);
    }
}
