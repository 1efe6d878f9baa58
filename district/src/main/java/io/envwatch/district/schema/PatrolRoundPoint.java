package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.BOOLEAN;
import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.time.Instant;

/**
 * A grid's patrol round as judged: done in time, late, or missed (flagged to the town's duty room
 * when its time ran out with points unvisited). One point per grid and round, at the round's
 * start; a missed round completed later is written again as late over it.
 */
public record PatrolRoundPoint(
        String town,
        String village,
        String grid,
        String officer,
        String status,
        long visited,
        long points,
        long completedAt,
        boolean flagged,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "patrol_round",
            Measurement.Writer.DUTY_SERVICE,
            "a grid's patrol round as judged",
            "the round's scheduled start, local",
            Precision.NS,
            "all of it: the monthly figures of patrols done, late and missed");
    public static final Column TOWN = MEASUREMENT.tag("town", "the grid's town");
    public static final Column VILLAGE =
            MEASUREMENT.tag("village", "the grid's village or community, absent when none");
    public static final Column GRID = MEASUREMENT.tag("grid", "the grid's id");
    public static final Column OFFICER = MEASUREMENT.text("officer", "the grid officer whose round it was");
    public static final Column STATUS = MEASUREMENT.text("status", "done, late or missed");
    public static final Column VISITED = MEASUREMENT.field("visited", INTEGER, "", "patrol points checked in");
    public static final Column POINTS = MEASUREMENT.field("points", INTEGER, "", "patrol points of the grid");
    public static final Column COMPLETED_AT = MEASUREMENT.field(
            "completed_at", INTEGER, "epoch ms", "the last point's check-in, 0 while points are missing");
    public static final Column FLAGGED =
            MEASUREMENT.field("flagged", BOOLEAN, "", "whether the town's duty room was told it ran out of time");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(VILLAGE, village)
                .tag(GRID, grid)
                .field(OFFICER, officer)
                .field(STATUS, status)
                .field(VISITED, visited)
                .field(POINTS, points)
                .field(COMPLETED_AT, completedAt)
                .field(FLAGGED, flagged)
                .toLine();
    }

    public static PatrolRoundPoint fromRow(Row row) {
        Instant time = row.time();
        return new PatrolRoundPoint(
                row.text(TOWN),
                row.text(VILLAGE),
                row.text(GRID),
                row.text(OFFICER),
                row.text(STATUS),
                row.integer(VISITED, 0),
                row.integer(POINTS, 0),
                row.integer(COMPLETED_AT, 0),
                row.bool(FLAGGED),
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
