package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/** Total phosphorus over a sliding window, classified. */
public record TpMeanPoint(
        String site,
        String station,
        String town,
        double mean,
        long count,
        String waterClass,
        String targetClass,
        double limit,
        long start) {
    public static final Measurement MEASUREMENT = new Measurement(
            "tp_mean",
            Measurement.Writer.JOB,
            "total phosphorus over a sliding window, classified",
            "the window's start",
            Precision.MS,
            Retention.YEAR);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column STATION = MEASUREMENT.tag("station", "river station id");
    public static final Column TOWN = MEASUREMENT.tag("town", "the site's town");
    public static final Column MEAN = MEASUREMENT.field("mean", FLOAT, "mg/L", "window mean");
    public static final Column N = MEASUREMENT.field("n", INTEGER, "", "samples in the window");
    public static final Column CLASS = MEASUREMENT.text("class", "I .. V, worse-than-V");
    public static final Column TARGET_CLASS = MEASUREMENT.text("target_class", "the station's target class");
    public static final Column LIMIT = MEASUREMENT.field("limit", FLOAT, "mg/L", "the target class's limit");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(start))
                .tag(SITE, site)
                .tag(STATION, station)
                .tag(TOWN, town)
                .field(MEAN, mean)
                .field(N, count)
                .field(CLASS, waterClass)
                .field(TARGET_CLASS, targetClass)
                .field(LIMIT, limit)
                .toLine();
    }
}
