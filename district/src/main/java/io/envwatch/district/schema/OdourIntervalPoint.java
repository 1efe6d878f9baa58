package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/** An odour pollutant's interval mean at a site's boundary. */
public record OdourIntervalPoint(
        String site, String town, String quantity, double mean, double max, double limit, long count, long start) {
    public static final Measurement MEASUREMENT = new Measurement(
            "odour_interval",
            Measurement.Writer.JOB,
            "an odour pollutant's interval mean",
            "the interval's start",
            Precision.MS,
            Retention.YEAR);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column TOWN = MEASUREMENT.tag("town", "the site's town");
    public static final Column QUANTITY = MEASUREMENT.tag("quantity", "odour, h2s, nh3, ...");
    public static final Column MEAN = MEASUREMENT.field("mean", FLOAT, "the quantity's unit", "interval mean");
    public static final Column MAX = MEASUREMENT.field("max", FLOAT, "the quantity's unit", "highest reading");
    public static final Column LIMIT = MEASUREMENT.field("limit", FLOAT, "the quantity's unit", "boundary limit");
    public static final Column N = MEASUREMENT.field("n", INTEGER, "", "readings in the interval");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(start))
                .tag(SITE, site)
                .tag(TOWN, town)
                .tag(QUANTITY, quantity)
                .field(MEAN, mean)
                .field(MAX, max)
                .field(LIMIT, limit)
                .field(N, count)
                .toLine();
    }
}
