package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.time.Instant;

/**
 * What a grid officer found on patrol, or an information officer's early report (信息员预警) of a
 * sign before it becomes a complaint: the category, their words, where, and the SHA-256 of the
 * photo kept on the duty service's volume. Filed by staff, under their name; it speaks of places
 * and plants, never of a complainant.
 */
public record PatrolFindingPoint(
        String id,
        String kind,
        String town,
        String village,
        String grid,
        String category,
        String by,
        String text,
        double lat,
        double lon,
        double accuracyMetres,
        long clientTime,
        String photo,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "patrol_finding",
            Measurement.Writer.DUTY_SERVICE,
            "a patrol's finding or an information officer's early report",
            "when the service received it",
            Precision.NS,
            "all of it: the duty room's list, the cases' evidence");
    public static final Column KIND =
            MEASUREMENT.tag("kind", "finding (grid officer) or early-report (information officer)");
    public static final Column TOWN = MEASUREMENT.tag("town", "the grid's town");
    public static final Column VILLAGE =
            MEASUREMENT.tag("village", "the village or community where it was filed, absent when none");
    public static final Column GRID = MEASUREMENT.tag("grid", "the grid's id");
    public static final Column CATEGORY = MEASUREMENT.tag("category", "odour, noise, water or other");
    public static final Column ID = MEASUREMENT.text("id", "the finding's id (F-...)");
    public static final Column BY = MEASUREMENT.text("by", "the staff name who filed it");
    public static final Column TEXT = MEASUREMENT.text("text", "what they saw, in their words");
    public static final Column LAT = MEASUREMENT.field("lat", FLOAT, "degrees", "where the browser placed them");
    public static final Column LON = MEASUREMENT.field("lon", FLOAT, "degrees", "where the browser placed them");
    public static final Column ACCURACY =
            MEASUREMENT.field("accuracy_m", FLOAT, "m", "the browser's own uncertainty of the position");
    public static final Column CLIENT_TIME =
            MEASUREMENT.field("client_time", INTEGER, "epoch ms", "the phone's clock when it was filed");
    public static final Column PHOTO =
            MEASUREMENT.text("photo", "the photo's SHA-256 (its file on the service's volume), absent without one");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(KIND, kind)
                .tag(TOWN, town)
                .tag(VILLAGE, village)
                .tag(GRID, grid)
                .tag(CATEGORY, category)
                .field(ID, id)
                .field(BY, by)
                .field(TEXT, text)
                .finite(LAT, lat)
                .finite(LON, lon)
                .finite(ACCURACY, accuracyMetres)
                .field(CLIENT_TIME, clientTime)
                .optional(PHOTO, photo)
                .toLine();
    }

    public static PatrolFindingPoint fromRow(Row row) {
        Instant time = row.time();
        return new PatrolFindingPoint(
                row.text(ID),
                row.text(KIND),
                row.text(TOWN),
                row.text(VILLAGE),
                row.text(GRID),
                row.text(CATEGORY),
                row.text(BY),
                row.text(TEXT),
                row.numberOrNaN(LAT),
                row.numberOrNaN(LON),
                row.numberOrNaN(ACCURACY),
                row.integer(CLIENT_TIME, 0),
                row.text(PHOTO),
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }

    public long epochMillis() {
        return timeNanos / 1_000_000L;
    }
}
