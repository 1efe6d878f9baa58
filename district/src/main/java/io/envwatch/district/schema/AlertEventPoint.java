package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.BOOLEAN;
import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.time.Instant;
import java.util.List;

/**
 * Every change of a duty alert, one point per event; the alerts' current state is the fold of these
 * in time order. {@code incident} is the job's incident as it stood, on events it caused.
 */
public record AlertEventPoint(
        String town,
        String team,
        String kind,
        String action,
        String alert,
        String state,
        String severity,
        String actor,
        String code,
        String note,
        String breach,
        String room,
        Incident incident,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "alert_event",
            Measurement.Writer.DUTY_SERVICE,
            "every change of a duty alert",
            "when it happened",
            Precision.NS,
            Retention.FOREVER_EVENTS);
    public static final Column TOWN = MEASUREMENT.tag("town", "of the alert's incident");
    public static final Column TEAM = MEASUREMENT.tag("team", "of the alert's incident");
    public static final Column KIND = MEASUREMENT.tag("kind", "the rule of the alert's incident");
    public static final Column ACTION = MEASUREMENT.tag(
            "action",
            "opened, updated, acknowledged, dispatched, on-scene, resolved, auto-resolved, incident-cleared, reopened, "
                    + "handed-over, escalated");
    public static final Column ALERT = MEASUREMENT.text("alert", "the alert id (its first incident's id)");
    public static final Column STATE = MEASUREMENT.text("state", "the alert's state after the event");
    public static final Column SEVERITY = MEASUREMENT.text("severity", "the alert's severity after the event");
    public static final Column ACTOR =
            MEASUREMENT.text("actor", "the staff name, or envwatch for the service's own events");
    public static final Column CODE = MEASUREMENT.text("code", "a resolution code, only when given");
    public static final Column NOTE = MEASUREMENT.text("note", "a person's note, only when given");
    public static final Column BREACH =
            MEASUREMENT.text("breach", "acknowledge or on-scene, on a hand-over or an escalation");
    public static final Column ROOM = MEASUREMENT.text(
            "room", "the duty room answerable after the event: a town duty room's id, or city (absent: city)");
    public static final Column INCIDENT = MEASUREMENT.text("incident", "the incident's id, on events the job caused");
    public static final Column SITE = MEASUREMENT.text("site", "the incident's site");
    public static final Column QUANTITY = MEASUREMENT.text("quantity", "the incident's quantity");
    public static final Column VALUE = MEASUREMENT.field("value", FLOAT, "the quantity's unit", "latest value");
    public static final Column PEAK = MEASUREMENT.field("peak", FLOAT, "the quantity's unit", "highest value");
    public static final Column LIMIT =
            MEASUREMENT.field("limit", FLOAT, "the quantity's unit", "the limit that applied");
    public static final Column PERIOD = MEASUREMENT.text("period", "day or night");
    public static final Column INCIDENT_SEVERITY = MEASUREMENT.text("incident_severity", "the incident's severity");
    public static final Column BUILDINGS = MEASUREMENT.text("buildings", "residential buildings in range, id@metres");
    public static final Column COMPLAINTS = MEASUREMENT.text("complaints", "ids of the complaints it corroborated");
    public static final Column INCIDENT_START =
            MEASUREMENT.field("incident_start", INTEGER, "epoch ms", "the incident's start");
    public static final Column INCIDENT_ACTIVE =
            MEASUREMENT.field("incident_active", BOOLEAN, "", "whether it went on");
    public static final Column REPEAT_CASE = MEASUREMENT.text("repeat_case", "the open repeat case about it, if any");

    /**
     * The job's incident as the event saw it, with the names of {@link DutyAlertPoint} (stored as
     * {@code incident_start} and {@code incident_active}).
     */
    public record Incident(
            String id,
            String site,
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
            String repeatCase) {}

    public String toLine() {
        Line line = MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(TEAM, team)
                .tag(KIND, kind)
                .tag(ACTION, action)
                .field(ALERT, alert)
                .field(STATE, state)
                .field(SEVERITY, severity)
                .field(ACTOR, actor)
                .optional(CODE, code)
                .optional(NOTE, note)
                .optional(BREACH, breach)
                .optional(ROOM, room);
        if (incident != null) {
            line.field(INCIDENT, incident.id())
                    .field(SITE, incident.site())
                    .field(QUANTITY, incident.quantity())
                    .field(PERIOD, incident.period())
                    .field(INCIDENT_SEVERITY, incident.severity())
                    .field(BUILDINGS, incident.buildings(), ",")
                    .field(COMPLAINTS, incident.complaints(), ",")
                    .field(INCIDENT_START, incident.openedAt())
                    .field(INCIDENT_ACTIVE, incident.open())
                    .optional(REPEAT_CASE, incident.repeatCase())
                    .finite(VALUE, incident.value())
                    .finite(PEAK, incident.peak())
                    .finite(LIMIT, incident.limit());
        }
        return line.toLine();
    }

    public static AlertEventPoint fromRow(Row row) {
        Instant time = row.time();
        Incident incident = row.text(INCIDENT) == null
                ? null
                : new Incident(
                        row.text(INCIDENT),
                        row.text(SITE),
                        row.text(QUANTITY),
                        row.numberOrNaN(VALUE),
                        row.numberOrNaN(PEAK),
                        row.numberOrNaN(LIMIT),
                        row.text(PERIOD),
                        row.text(INCIDENT_SEVERITY),
                        row.list(BUILDINGS, ","),
                        row.list(COMPLAINTS, ","),
                        row.integer(INCIDENT_START, 0),
                        row.bool(INCIDENT_ACTIVE),
                        row.text(REPEAT_CASE));
        return new AlertEventPoint(
                row.text(TOWN),
                row.text(TEAM),
                row.text(KIND),
                row.text(ACTION),
                row.text(ALERT),
                row.text(STATE),
                row.text(SEVERITY),
                row.text(ACTOR),
                row.text(CODE),
                row.text(NOTE),
                row.text(BREACH),
                row.text(ROOM),
                incident,
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
