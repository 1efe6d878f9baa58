package io.envwatch.alerting.alerts;

import io.envwatch.alerting.events.Event;

/**
 * One stored change of one alert. The current state of every alert is the fold of its events in
 * time order ({@link Alert#apply}); nothing else is kept.
 *
 * @param timeNanos when it happened, epoch ns, unique across all events (the order of the fold)
 * @param actor the staff name for people's actions, {@code envwatch} for the service's own
 * @param state the alert's state after the event
 * @param severity the alert's severity after the event
 * @param incident the incident as it stood, for opened, updated, reopened, incident-cleared and
 *     auto-resolved events; else null
 * @param code resolution code of a resolve, else null
 * @param note free text a person gave, else null
 * @param breach {@code acknowledge} or {@code on-scene} for a hand-over or an escalation, else null
 * @param room the duty room answerable after the event: a town duty room's id, or null for the
 *     city duty room
 */
public record AlertEvent(
        long timeNanos,
        String alertId,
        AlertAction action,
        String actor,
        AlertState state,
        String severity,
        IncidentSnapshot incident,
        String code,
        String note,
        String breach,
        String room)
        implements Event<AlertEvent> {

    public static final String SYSTEM_ACTOR = "envwatch";

    public long timeMs() {
        return timeNanos / 1_000_000L;
    }

    @Override
    public AlertEvent at(long timeNanos) {
        return new AlertEvent(timeNanos, alertId, action, actor, state, severity, incident, code, note, breach, room);
    }
}
