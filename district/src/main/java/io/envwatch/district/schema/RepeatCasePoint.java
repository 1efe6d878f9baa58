package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.util.List;

/**
 * A repeat-complaint case: one point at its first complaint, overwritten by every update. A case a
 * complaint filed late showed to be part of another keeps its point, {@code merged} into that one.
 */
public record RepeatCasePoint(
        String place,
        String category,
        String town,
        String id,
        String state,
        long count,
        long corroborated,
        long last,
        List<String> complaints,
        List<String> incidents,
        long first,
        String mergedInto) {
    public static final Measurement MEASUREMENT = new Measurement(
            "repeat_case",
            Measurement.Writer.JOB,
            "a repeat-complaint case",
            "its first complaint",
            Precision.MS,
            "90 days: the duty API lists the last 90");
    public static final Column PLACE = MEASUREMENT.tag("place", "building id or cell:lat:lon");
    public static final Column CATEGORY = MEASUREMENT.tag("category", "the complaints' category");
    public static final Column TOWN = MEASUREMENT.tag("town", "the town, or unknown");
    public static final Column ID = MEASUREMENT.text("id", "{place}:{category}:{first}");
    public static final Column STATE = MEASUREMENT.text("state", "open, closed, or merged (into another case)");
    public static final Column COUNT = MEASUREMENT.field("count", INTEGER, "", "complaints in it");
    public static final Column CORROBORATED = MEASUREMENT.field("corroborated", INTEGER, "", "of them corroborated");
    public static final Column LAST = MEASUREMENT.field("last", INTEGER, "epoch ms", "the latest complaint");
    public static final Column COMPLAINTS = MEASUREMENT.text("complaints", "complaint ids, comma-separated, sorted");
    public static final Column INCIDENTS =
            MEASUREMENT.text("incidents", "site|rule of the exceedances, comma-separated");
    public static final Column MERGED_INTO =
            MEASUREMENT.text("merged_into", "the case a merged case is now part of, else empty");

    public static final String OPEN = "open";
    public static final String MERGED = "merged";

    /** A case that is not merged. */
    public RepeatCasePoint(
            String place,
            String category,
            String town,
            String id,
            String state,
            long count,
            long corroborated,
            long last,
            List<String> complaints,
            List<String> incidents,
            long first) {
        this(place, category, town, id, state, count, corroborated, last, complaints, incidents, first, "");
    }

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(first))
                .tag(PLACE, place)
                .tag(CATEGORY, category)
                .tagOrUnknown(TOWN, town)
                .field(ID, id)
                .field(STATE, state)
                .field(COUNT, count)
                .field(CORROBORATED, corroborated)
                .field(LAST, last)
                .field(COMPLAINTS, complaints, ",")
                .field(INCIDENTS, incidents, ",")
                .field(MERGED_INTO, mergedInto == null ? "" : mergedInto)
                .toLine();
    }

    public static RepeatCasePoint fromRow(Row row) {
        return new RepeatCasePoint(
                row.text(PLACE),
                row.text(CATEGORY),
                row.text(TOWN),
                row.text(ID),
                row.text(STATE),
                row.integer(COUNT, 0),
                row.integer(CORROBORATED, 0),
                row.integer(LAST, 0),
                row.list(COMPLAINTS, ","),
                row.list(INCIDENTS, ","),
                row.time().toEpochMilli(),
                row.text(MERGED_INTO) == null ? "" : row.text(MERGED_INTO));
    }

    public boolean open() {
        return OPEN.equals(state);
    }
}
