package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/** A river station's local day. */
public record TpDayPoint(
        String site, String station, double mean, long samples, String waterClass, double limit, long day) {
    public static final Measurement MEASUREMENT = new Measurement(
            "tp_day",
            Measurement.Writer.JOB,
            "a river station's local day",
            "the local day's start",
            Precision.MS,
            Retention.YEAR);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column STATION = MEASUREMENT.tag("station", "river station id");
    public static final Column MEAN = MEASUREMENT.field("mean", FLOAT, "mg/L", "the day's mean");
    public static final Column SAMPLES = MEASUREMENT.field("samples", INTEGER, "", "samples that day");
    public static final Column CLASS = MEASUREMENT.text("class", "I .. V, worse-than-V");
    public static final Column LIMIT = MEASUREMENT.field("limit", FLOAT, "mg/L", "the target class's limit");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(day))
                .tag(SITE, site)
                .tag(STATION, station)
                .field(MEAN, mean)
                .field(SAMPLES, samples)
                .field(CLASS, waterClass)
                .field(LIMIT, limit)
                .toLine();
    }
}
