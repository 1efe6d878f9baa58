package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;

/** One validated sensor reading, in its quantity's canonical unit. */
public record ReadingPoint(
        String site, String quantity, String kind, String town, String flag, double value, long timestamp) {
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
    public static final Column FLAG = MEASUREMENT.tag(
            "flag",
            "the instrument's HJ 212 flag when not normal (F stopped, M maintenance, S set by hand, D fault, C"
                    + " calibration, T over range, B communication fault); absent on a normal reading, the"
                    + " only kind the rules judge (docs/hj212.md)");
    public static final Column VALUE =
            MEASUREMENT.field("value", FLOAT, "the quantity's unit", "dB(A), 1, mg/m3 or mg/L");

    /** A normal reading. */
    public ReadingPoint(String site, String quantity, String kind, String town, double value, long timestamp) {
        this(site, quantity, kind, town, null, value, timestamp);
    }

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(timestamp))
                .tag(SITE, site)
                .tag(QUANTITY, quantity)
                .tag(KIND, kind)
                .tag(TOWN, town)
                .tag(FLAG, flag)
                .field(VALUE, value)
                .toLine();
    }
}
