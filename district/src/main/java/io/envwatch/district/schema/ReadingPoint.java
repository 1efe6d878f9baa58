package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;

/** One validated sensor reading, in its quantity's canonical unit. */
public record ReadingPoint(String site, String quantity, String kind, String town, double value, long timestamp) {
    public static final Measurement MEASUREMENT = new Measurement(
            "reading",
            Measurement.Writer.JOB,
            "one validated sensor reading",
            "the reading's event time",
            Precision.MS,
            Retention.DAYS);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column QUANTITY =
            MEASUREMENT.tag("quantity", "noise, odour, h2s, nh3, ..., tp (docs/mqtt-readings.md)");
    public static final Column KIND = MEASUREMENT.tag("kind", "noise, odour or water");
    public static final Column TOWN = MEASUREMENT.tag("town", "the site's town");
    public static final Column VALUE =
            MEASUREMENT.field("value", FLOAT, "the quantity's unit", "dB(A), 1, mg/m3 or mg/L");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(timestamp))
                .tag(SITE, site)
                .tag(QUANTITY, quantity)
                .tag(KIND, kind)
                .tag(TOWN, town)
                .field(VALUE, value)
                .toLine();
    }
}
