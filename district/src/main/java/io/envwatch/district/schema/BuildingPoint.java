package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;

/** A residential building of the registry, for the map; written at start-up. */
public record BuildingPoint(String building, String town, String name, double lat, double lon, long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "building",
            Measurement.Writer.DUTY_SERVICE,
            "a residential building, for the map",
            "start-up",
            Precision.MS,
            Retention.DAYS);
    public static final Column BUILDING = MEASUREMENT.tag("building", "registry building id");
    public static final Column TOWN = MEASUREMENT.tag("town", "the building's town");
    public static final Column NAME = MEASUREMENT.text("name", "the building's name");
    public static final Column LAT = MEASUREMENT.field("lat", FLOAT, "degrees", "");
    public static final Column LON = MEASUREMENT.field("lon", FLOAT, "degrees", "");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(BUILDING, building)
                .tag(TOWN, town)
                .field(NAME, name)
                .field(LAT, lat)
                .field(LON, lon)
                .toLine();
    }
}
