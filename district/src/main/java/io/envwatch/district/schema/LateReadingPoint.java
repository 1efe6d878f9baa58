package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;

/** A reading that came after its interval was decided. */
public record LateReadingPoint(String site, String quantity, String rule, double value, long timestamp) {
    public static final Measurement MEASUREMENT = new Measurement(
            "late_reading",
            Measurement.Writer.JOB,
            "a reading that missed its interval",
            "the reading's time",
            Precision.MS,
            Retention.DAYS);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column QUANTITY = MEASUREMENT.tag("quantity", "the reading's quantity");
    public static final Column RULE = MEASUREMENT.tag("rule", "the rule whose interval it missed");
    public static final Column VALUE = MEASUREMENT.field("value", FLOAT, "the quantity's unit", "the reading");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(timestamp))
                .tag(SITE, site)
                .tag(QUANTITY, quantity)
                .tag(RULE, rule)
                .field(VALUE, value)
                .toLine();
    }
}
