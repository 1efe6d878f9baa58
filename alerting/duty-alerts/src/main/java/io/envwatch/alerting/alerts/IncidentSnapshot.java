package io.envwatch.alerting.alerts;

import java.util.List;

/**
 * An incident as the stream job last stored it (measurement {@code duty_alert}): what an opened,
 * updated or reopened event carries into the alert.
 *
 * @param start when the incident started, event time, epoch ms
 * @param active false once the job cleared the incident
 * @param repeatCase the open repeat-complaint case about this site or its buildings, or null; it
 *     raises the severity a step (the job's severity does not know of it)
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
        boolean active,
        String repeatCase) {

    /**
     * What counts as a change worth an event: the peak, the severity, the buildings and complaints
     * and whether it is still active. The latest value alone is not: it moves every interval and
     * would fill the history with noise.
     */
    public String signature() {
        return active + "|" + peak + "|" + severity + "|" + String.join(",", buildings) + "|"
                + String.join(",", complaints) + "|" + repeatCase;
    }

    /** This incident as part of a repeat case: one step more severe. */
    public IncidentSnapshot inRepeatCase(String caseId) {
        return new IncidentSnapshot(
                incidentId,
                kind,
                site,
                town,
                team,
                quantity,
                value,
                peak,
                limit,
                period,
                Severities.raise(severity, 1),
                buildings,
                complaints,
                start,
                active,
                caseId);
    }
}
