package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.BOOLEAN;
import static io.envwatch.district.schema.Column.Type.FLOAT;
import static io.envwatch.district.schema.Column.Type.INTEGER;

/** A river station's month to date, one point per sample: the month's evolution is the series. */
public record TpMonthPoint(
        String site,
        String station,
        String month,
        long samples,
        double mean,
        String waterClass,
        String targetClass,
        double limit,
        double margin,
        double expectedSoFar,
        double missing,
        double expectedRemaining,
        double budget,
        String budgetState,
        boolean insufficient,
        boolean closed,
        long timestamp) {
    public static final Measurement MEASUREMENT = new Measurement(
            "tp_month",
            Measurement.Writer.JOB,
            "a river station's month to date",
            "the sample that changed it",
            Precision.MS,
            Retention.YEAR);
    public static final Column SITE = MEASUREMENT.tag("site", "registry site id");
    public static final Column STATION = MEASUREMENT.tag("station", "river station id");
    public static final Column MONTH = MEASUREMENT.tag("month", "yyyy-MM, local time");
    public static final Column SAMPLES = MEASUREMENT.field("samples", INTEGER, "", "samples so far");
    public static final Column MEAN = MEASUREMENT.field("mean", FLOAT, "mg/L", "month-to-date mean");
    public static final Column CLASS = MEASUREMENT.text("class", "I .. V, worse-than-V");
    public static final Column TARGET_CLASS = MEASUREMENT.text("target_class", "the station's target class");
    public static final Column LIMIT = MEASUREMENT.field("limit", FLOAT, "mg/L", "the target class's limit");
    public static final Column MARGIN = MEASUREMENT.field("margin", FLOAT, "mg/L", "limit - mean");
    public static final Column EXPECTED_SO_FAR =
            MEASUREMENT.field("expected_so_far", FLOAT, "", "sampling slots passed");
    public static final Column MISSING = MEASUREMENT.field("missing", FLOAT, "", "slots passed without a sample");
    public static final Column EXPECTED_REMAINING =
            MEASUREMENT.field("expected_remaining", FLOAT, "", "slots left in the month");
    public static final Column BUDGET = MEASUREMENT.field(
            "budget", FLOAT, "mg/L", "the mean the remaining samples may have; absent once nothing remains");
    public static final Column BUDGET_STATE = MEASUREMENT.text("budget_state", "ok, low, impossible or final");
    public static final Column INSUFFICIENT =
            MEASUREMENT.field("insufficient", BOOLEAN, "", "too few samples to assess");
    public static final Column CLOSED = MEASUREMENT.field("closed", BOOLEAN, "", "the month has ended");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(timestamp))
                .tag(SITE, site)
                .tag(STATION, station)
                .tag(MONTH, month)
                .field(SAMPLES, samples)
                .field(MEAN, mean)
                .field(CLASS, waterClass)
                .field(TARGET_CLASS, targetClass)
                .field(LIMIT, limit)
                .field(MARGIN, margin)
                .field(EXPECTED_SO_FAR, expectedSoFar)
                .field(MISSING, missing)
                .field(EXPECTED_REMAINING, expectedRemaining)
                .field(BUDGET_STATE, budgetState)
                .field(INSUFFICIENT, insufficient)
                .field(CLOSED, closed)
                .finite(BUDGET, budget)
                .toLine();
    }

    public static TpMonthPoint fromRow(Row row) {
        return new TpMonthPoint(
                row.text(SITE),
                row.text(STATION),
                row.text(MONTH),
                row.integer(SAMPLES, 0),
                row.numberOrNaN(MEAN),
                row.text(CLASS),
                row.text(TARGET_CLASS),
                row.numberOrNaN(LIMIT),
                row.numberOrNaN(MARGIN),
                row.numberOrNaN(EXPECTED_SO_FAR),
                row.numberOrNaN(MISSING),
                row.numberOrNaN(EXPECTED_REMAINING),
                row.numberOrNaN(BUDGET),
                row.text(BUDGET_STATE),
                row.bool(INSUFFICIENT),
                row.bool(CLOSED),
                row.time().toEpochMilli());
    }
}
