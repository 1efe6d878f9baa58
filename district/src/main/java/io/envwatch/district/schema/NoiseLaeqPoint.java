package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/** A completed LAeq interval of a noise site. */
public record NoiseLaeqPoint(
        String site,
        String town,
        String interval,
        double laeq,
        double lmax,
        double limit,
        double margin,
        long count,
        String period,
        long start) {
    public static final Measurement MEASUREMENT = new Measurement(
            "noise_laeq",
            Measurement.Writer.JOB,
            "a completed LAeq interval",
            "the interval's start",
            Precision.MS,
            Retention.YEAR);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column TOWN = MEASUREMENT.tag("town", "the site's town");
    public static final Column INTERVAL = MEASUREMENT.tag("interval", "PT1M, PT20M, PT1H (as configured)");
    public static final Column LAEQ = MEASUREMENT.field("laeq", FLOAT, "dB(A)", "energy average");
    public static final Column LMAX = MEASUREMENT.field("lmax", FLOAT, "dB(A)", "loudest reading");
    public static final Column LIMIT = MEASUREMENT.field("limit", FLOAT, "dB(A)", "the limit of the period");
    public static final Column MARGIN = MEASUREMENT.field("margin", FLOAT, "dB", "laeq - limit, to 0.01");
    public static final Column N = MEASUREMENT.field("n", INTEGER, "", "readings in the interval");
    public static final Column PERIOD = MEASUREMENT.text("period", "day or night");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(start))
                .tag(SITE, site)
                .tag(TOWN, town)
                .tag(INTERVAL, interval)
                .field(LAEQ, laeq)
                .field(LMAX, lmax)
                .field(LIMIT, limit)
                .field(MARGIN, Math.round(margin * 100) / 100.0)
                .field(N, count)
                .field(PERIOD, period)
                .toLine();
    }
}
