package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/**
 * A duty alert as it stands, for the boards: InfluxQL cannot pick the latest event of each alert
 * without a tag per alert, so the duty service keeps each alert in one point at the time of its
 * first event, overwritten after every event. Absent numbers ({@code NaN}) and texts (null) are
 * left out.
 */
public record AlertStatePoint(
        String town,
        String team,
        String kind,
        String site,
        String alert,
        String state,
        String severity,
        long severityRank,
        boolean active,
        String quantity,
        double peak,
        double limit,
        long openedAt,
        String deadline,
        long deadlineAt,
        String acknowledgedBy,
        double minutesToScene,
        Boolean onSceneInTime,
        long escalations,
        String breaches,
        long reopenCount,
        String repeatCase,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "alert_state",
            Measurement.Writer.DUTY_SERVICE,
            "a duty alert as it stands",
            "the alert's first event",
            Precision.NS,
            Retention.YEAR);
    public static final Column TOWN = MEASUREMENT.tag("town", "of the alert's incident");
    public static final Column TEAM = MEASUREMENT.tag("team", "of the alert's incident");
    public static final Column KIND = MEASUREMENT.tag("kind", "the rule of the alert's incident");
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column ALERT = MEASUREMENT.text("alert", "the alert id");
    public static final Column STATE = MEASUREMENT.text("state", "the alert's state");
    public static final Column SEVERITY = MEASUREMENT.text("severity", "LOW .. CRITICAL");
    public static final Column SEVERITY_RANK = MEASUREMENT.field("severity_rank", INTEGER, "", "1 LOW .. 4 CRITICAL");
    public static final Column ACTIVE = MEASUREMENT.field("active", INTEGER, "", "1 while not resolved");
    public static final Column QUANTITY = MEASUREMENT.text("quantity", "the incident's quantity");
    public static final Column PEAK = MEASUREMENT.field("peak", FLOAT, "the quantity's unit", "highest value");
    public static final Column LIMIT =
            MEASUREMENT.field("limit", FLOAT, "the quantity's unit", "the limit that applied");
    public static final Column OPENED_AT = MEASUREMENT.field("opened_at", INTEGER, "epoch ms", "when it opened");
    public static final Column DEADLINE = MEASUREMENT.text("deadline", "acknowledge, on-scene or empty");
    public static final Column DEADLINE_AT = MEASUREMENT.field("deadline_at", INTEGER, "epoch ms", "0 when none");
    public static final Column ACKNOWLEDGED_BY = MEASUREMENT.text("acknowledged_by", "who acknowledged it");
    public static final Column MINUTES_TO_SCENE =
            MEASUREMENT.field("minutes_to_scene", FLOAT, "min", "acknowledged to on scene, once on scene");
    public static final Column ON_SCENE_IN_TIME = MEASUREMENT.field(
            "on_scene_in_time",
            INTEGER,
            "",
            "1 or 0 once on scene or past the deadline: mean() is the response-time compliance");
    public static final Column ESCALATIONS = MEASUREMENT.field("escalations", INTEGER, "", "escalations so far");
    public static final Column BREACHES = MEASUREMENT.text("breaches", "deadlines missed, comma-separated");
    public static final Column REOPEN_COUNT = MEASUREMENT.field("reopen_count", INTEGER, "", "times reopened");
    public static final Column REPEAT_CASE = MEASUREMENT.text("repeat_case", "the open repeat case about it, if any");

    public String toLine() {
        Line line = MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(TEAM, team)
                .tag(KIND, kind)
                .tag(SITE, site)
                .field(ALERT, alert)
                .field(STATE, state)
                .field(SEVERITY, severity)
                .field(SEVERITY_RANK, severityRank)
                .field(ACTIVE, active ? 1L : 0L)
                .field(QUANTITY, quantity)
                .field(OPENED_AT, openedAt)
                .field(ESCALATIONS, escalations)
                .field(BREACHES, breaches)
                .field(REOPEN_COUNT, reopenCount)
                .finite(PEAK, peak)
                .finite(LIMIT, limit)
                .field(DEADLINE, deadline)
                .field(DEADLINE_AT, deadlineAt)
                .optional(ACKNOWLEDGED_BY, acknowledgedBy)
                .finite(MINUTES_TO_SCENE, minutesToScene)
                .optional(REPEAT_CASE, repeatCase);
        if (onSceneInTime != null) {
            line.field(ON_SCENE_IN_TIME, onSceneInTime ? 1L : 0L);
        }
        return line.toLine();
    }
}
