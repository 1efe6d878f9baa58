package io.envwatch.alerting.alerts;

import io.envwatch.district.schema.AlertEventPoint;
import io.envwatch.district.schema.DutyAlertPoint;
import java.util.List;

/**
 * An incident as the stream job last stored it ({@link DutyAlertPoint}, whose names it keeps), with
 * the open repeat case about it: what an opened, updated or reopened event carries into the alert.
 * The conversions to and from the schema's points are here and nowhere else.
 *
 * @param id the incident's id, {@code {site}:{kind}:{openedAt}}
 * @param openedAt when the incident started, event time, epoch ms
 * @param open false once the job cleared the incident
 * @param repeatCase the open repeat-complaint case about this site or its buildings, or null; it
 *     raises the severity a step (the job's severity does not know of it)
 */
public record IncidentSnapshot(
        String id,
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
        long openedAt,
        boolean open,
        String repeatCase) {

    /** The job's point, not yet seen against the repeat cases. */
    public static IncidentSnapshot of(DutyAlertPoint p) {
        return new IncidentSnapshot(
                p.id(),
                p.kind(),
                p.site(),
                p.town(),
                p.team(),
                p.quantity(),
                p.value(),
                p.peak(),
                p.limit(),
                p.period(),
                p.severity(),
                p.buildings(),
                p.complaints(),
                p.openedAt(),
                p.open(),
                null);
    }

    /** As an alert event stored it; the event's tags carry the kind, town and team. */
    static IncidentSnapshot of(AlertEventPoint event) {
        AlertEventPoint.Incident i = event.incident();
        return i == null
                ? null
                : new IncidentSnapshot(
                        i.id(),
                        event.kind(),
                        i.site(),
                        event.town(),
                        event.team(),
                        i.quantity(),
                        i.value(),
                        i.peak(),
                        i.limit(),
                        i.period(),
                        i.severity(),
                        i.buildings(),
                        i.complaints(),
                        i.openedAt(),
                        i.open(),
                        i.repeatCase());
    }

    /** As an alert event stores it. */
    AlertEventPoint.Incident toEventIncident() {
        return new AlertEventPoint.Incident(
                id,
                site,
                quantity,
                value,
                peak,
                limit,
                period,
                severity,
                buildings,
                complaints,
                openedAt,
                open,
                repeatCase);
    }

    /**
     * What counts as a change worth an event: the peak, the severity, the buildings and complaints
     * and whether it is still open. The latest value alone is not: it moves every interval and
     * would fill the history with noise.
     */
    public String signature() {
        return open + "|" + peak + "|" + severity + "|" + String.join(",", buildings) + "|"
                + String.join(",", complaints) + "|" + repeatCase;
    }

    /** This incident as part of a repeat case: one step more severe. */
    public IncidentSnapshot inRepeatCase(String caseId) {
        return new IncidentSnapshot(
                id,
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
                openedAt,
                open,
                caseId);
    }
}
