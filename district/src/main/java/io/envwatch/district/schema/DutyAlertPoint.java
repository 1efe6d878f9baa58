package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.util.List;

/**
 * The job's side of a duty alert: one point per incident at the time it opened, overwritten by every
 * update. The duty service reads it and keeps the alert's own lifecycle in {@link AlertEventPoint}.
 */
public record DutyAlertPoint(
        String site,
        String kind,
        String town,
        String team,
        String id,
        String state,
        String quantity,
        double value,
        double peak,
        double limit,
        String period,
        long updatedAt,
        String severity,
        List<String> buildings,
        List<String> complaints,
        long openedAt) {
    public static final Measurement MEASUREMENT = new Measurement(
            "duty_alert",
            Measurement.Writer.JOB,
            "the job's side of a duty alert; every update overwrites its point",
            "when the alert opened (event time)",
            Precision.MS,
            Retention.MONTHS);
    /** The incident goes on. */
    public static final String OPEN = "open";
    /** The incident ended; the alert's own lifecycle may go on in the duty service. */
    public static final String CLEARED = "cleared";

    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column KIND = MEASUREMENT.tag("kind", "the rule of its incident");
    public static final Column TOWN = MEASUREMENT.tag("town", "from the registry");
    public static final Column TEAM = MEASUREMENT.tag("team", "from the registry");
    public static final Column ID = MEASUREMENT.text("id", "{site}:{kind}:{openedAt}, deterministic");
    public static final Column STATE = MEASUREMENT.text("state", "open or cleared: whether the incident goes on");
    public static final Column QUANTITY = MEASUREMENT.text("quantity", "the quantity judged");
    public static final Column VALUE = MEASUREMENT.field("value", FLOAT, "the quantity's unit", "latest value");
    public static final Column PEAK = MEASUREMENT.field("peak", FLOAT, "the quantity's unit", "highest value");
    public static final Column LIMIT =
            MEASUREMENT.field("limit", FLOAT, "the quantity's unit", "the limit that applied");
    public static final Column PERIOD = MEASUREMENT.text("period", "day or night, local time when it opened");
    public static final Column UPDATED_AT = MEASUREMENT.field("updated_at", INTEGER, "epoch ms", "the last change");
    public static final Column SEVERITY = MEASUREMENT.text("severity", "LOW .. CRITICAL");
    public static final Column BUILDINGS =
            MEASUREMENT.text("buildings", "residential buildings in range, id@metres, nearest first");
    public static final Column COMPLAINTS = MEASUREMENT.text("complaints", "ids of the complaints it corroborated");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(openedAt))
                .tag(SITE, site)
                .tag(KIND, kind)
                .tag(TOWN, town)
                .tag(TEAM, team)
                .field(ID, id)
                .field(STATE, state)
                .field(QUANTITY, quantity)
                .field(VALUE, value)
                .field(PEAK, peak)
                .field(LIMIT, limit)
                .field(PERIOD, period)
                .field(UPDATED_AT, updatedAt)
                .field(SEVERITY, severity)
                .field(BUILDINGS, buildings, ",")
                .field(COMPLAINTS, complaints, ",")
                .toLine();
    }

    public static DutyAlertPoint fromRow(Row row) {
        return new DutyAlertPoint(
                row.text(SITE),
                row.text(KIND),
                row.text(TOWN),
                row.text(TEAM),
                row.text(ID),
                row.text(STATE),
                row.text(QUANTITY),
                row.numberOrNaN(VALUE),
                row.numberOrNaN(PEAK),
                row.numberOrNaN(LIMIT),
                row.text(PERIOD),
                row.integer(UPDATED_AT, 0),
                row.text(SEVERITY),
                row.list(BUILDINGS, ","),
                row.list(COMPLAINTS, ","),
                row.time().toEpochMilli());
    }

    /** Whether the incident behind it goes on. */
    public boolean open() {
        return OPEN.equals(state);
    }
}
