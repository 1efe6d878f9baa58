package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.time.Instant;

/**
 * A grid officer at one of their grid's patrol points (网格巡查打卡): where the browser put them,
 * how sure it was, and the browser's clock beside the service's (the time of the point). Officers
 * are staff, named; their position is kept only at check-ins, never tracked between them.
 */
public record PatrolCheckInPoint(
        String town,
        String village,
        String grid,
        String point,
        String officer,
        double lat,
        double lon,
        double accuracyMetres,
        double distanceMetres,
        long clientTime,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "patrol_check_in",
            Measurement.Writer.DUTY_SERVICE,
            "a grid officer checked in at a patrol point",
            "when the service received it",
            Precision.NS,
            "all of it: the duty service judges the recent rounds from these");
    public static final Column TOWN = MEASUREMENT.tag("town", "the grid's town");
    public static final Column VILLAGE =
            MEASUREMENT.tag("village", "the grid's village or community, absent when none");
    public static final Column GRID = MEASUREMENT.tag("grid", "the grid's id");
    public static final Column POINT = MEASUREMENT.tag("point", "the patrol point's id within the grid");
    public static final Column OFFICER = MEASUREMENT.text("officer", "the staff name who checked in");
    public static final Column LAT = MEASUREMENT.field("lat", FLOAT, "degrees", "where the browser placed them");
    public static final Column LON = MEASUREMENT.field("lon", FLOAT, "degrees", "where the browser placed them");
    public static final Column ACCURACY =
            MEASUREMENT.field("accuracy_m", FLOAT, "m", "the browser's own uncertainty of the position");
    public static final Column DISTANCE = MEASUREMENT.field("distance_m", FLOAT, "m", "from the patrol point");
    public static final Column CLIENT_TIME =
            MEASUREMENT.field("client_time", INTEGER, "epoch ms", "the phone's clock when it checked in");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(TOWN, town)
                .tag(VILLAGE, village)
                .tag(GRID, grid)
                .tag(POINT, point)
                .field(OFFICER, officer)
                .finite(LAT, lat)
                .finite(LON, lon)
                .finite(ACCURACY, accuracyMetres)
                .finite(DISTANCE, distanceMetres)
                .field(CLIENT_TIME, clientTime)
                .toLine();
    }

    public static PatrolCheckInPoint fromRow(Row row) {
        Instant time = row.time();
        return new PatrolCheckInPoint(
                row.text(TOWN),
                row.text(VILLAGE),
                row.text(GRID),
                row.text(POINT),
                row.text(OFFICER),
                row.numberOrNaN(LAT),
                row.numberOrNaN(LON),
                row.numberOrNaN(ACCURACY),
                row.numberOrNaN(DISTANCE),
                row.integer(CLIENT_TIME, 0),
                time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }

    public long epochMillis() {
        return timeNanos / 1_000_000L;
    }
}
