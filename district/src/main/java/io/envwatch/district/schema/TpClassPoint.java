package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;

/** One total-phosphorus sample and its water class. */
public record TpClassPoint(String site, String station, double value, String waterClass, long timestamp) {
    public static final Measurement MEASUREMENT = new Measurement(
            "tp_class",
            Measurement.Writer.JOB,
            "one total-phosphorus sample, classified",
            "the sample's time",
            Precision.MS,
            Retention.YEAR);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column STATION = MEASUREMENT.tag("station", "river station id");
    public static final Column VALUE = MEASUREMENT.field("value", FLOAT, "mg/L", "the sample");
    public static final Column CLASS = MEASUREMENT.text("class", "I .. V, worse-than-V");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(timestamp))
                .tag(SITE, site)
                .tag(STATION, station)
                .field(VALUE, value)
                .field(CLASS, waterClass)
                .toLine();
    }
}
