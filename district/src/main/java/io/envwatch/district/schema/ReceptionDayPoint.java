package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.time.Instant;

/**
 * A leader's monthly petition reception day (环境信访日) as held: who received complainants, how
 * many came, a note. One point per town, leader and day, at the day's start on the district's
 * clock; a day scheduled and not held has none (it shows missed).
 */
public record ReceptionDayPoint(
        String town, String leader, String date, String heldBy, long visitors, String note, long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "reception_day",
            Measurement.Writer.DUTY_SERVICE,
            "a leader's monthly reception day, as held",
            "the day's start, local",
            Precision.NS,
            "all of it: the duty service rebuilds the held days from these");
    public static final Column TOWN = MEASUREMENT.tag("town", "the town whose complainants were received");
    public static final Column LEADER = MEASUREMENT.tag("leader", "the leader scheduled to receive them");
    public static final Column DATE = MEASUREMENT.text("date", "the local date, yyyy-MM-dd");
    public static final Column HELD_BY = MEASUREMENT.text("held_by", "the staff name who recorded it");
    public static final Column VISITORS = MEASUREMENT.field("visitors", INTEGER, "", "complainants received");
    public static final Column NOTE = MEASUREMENT.text("note", "what was heard and promised, in a few lines");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(LEADER, leader)
                .field(DATE, date)
                .field(HELD_BY, heldBy)
                .field(VISITORS, visitors)
                .optional(NOTE, note)
                .toLine();
    }

    public static ReceptionDayPoint fromRow(Row row) {
        Instant time = row.time();
        return new ReceptionDayPoint(
                row.text(TOWN),
                row.text(LEADER),
                row.text(DATE),
                row.text(HELD_BY),
                row.integer(VISITORS, 0),
                row.text(NOTE),
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
