package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.INTEGER;

import java.util.List;

/**
 * An enterprise's environmental credit rating for one month, with its reasons: one point per
 * enterprise and month, at the month's start (local time), overwritten when the month is
 * recomputed. The history is the series.
 */
public record RatingPoint(
        String enterprise,
        String month,
        String ratingClass,
        long score,
        List<String> reasons,
        long incidents,
        long severeIncidents,
        long openCases,
        long openRepeatCases,
        long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "rating",
            Measurement.Writer.DUTY_SERVICE,
            "an enterprise's environmental credit rating for a month",
            "the month's start, local time",
            Precision.NS,
            "all of it: the rating history is kept");
    public static final Column ENTERPRISE = MEASUREMENT.tag("enterprise", "the registry sites' owner");
    public static final Column MONTH = MEASUREMENT.tag("month", "yyyy-MM, local time");
    public static final Column CLASS = MEASUREMENT.text("class", "green, blue, yellow, red or black");
    public static final Column SCORE = MEASUREMENT.field("score", INTEGER, "", "100 less the deductions");
    public static final Column REASONS = MEASUREMENT.text("reasons", "every deduction and cap, semicolon-separated");
    public static final Column INCIDENTS =
            MEASUREMENT.field("incidents", INTEGER, "", "incidents of its sites that began in the month");
    public static final Column SEVERE = MEASUREMENT.field("severe", INTEGER, "", "of them HIGH or CRITICAL");
    public static final Column OPEN_CASES =
            MEASUREMENT.field("open_cases", INTEGER, "", "ledger cases about its sites not closed out");
    public static final Column OPEN_REPEAT_CASES = MEASUREMENT.field(
            "open_repeat_cases", INTEGER, "", "the job's open repeat-complaint cases about its sites");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .tag(ENTERPRISE, enterprise)
                .tag(MONTH, month)
                .field(CLASS, ratingClass)
                .field(SCORE, score)
                .field(REASONS, reasons, "; ")
                .field(INCIDENTS, incidents)
                .field(SEVERE, severeIncidents)
                .field(OPEN_CASES, openCases)
                .field(OPEN_REPEAT_CASES, openRepeatCases)
                .toLine();
    }

    public static RatingPoint fromRow(Row row) {
        return new RatingPoint(
                row.text(ENTERPRISE),
                row.text(MONTH),
                row.text(CLASS),
                row.integer(SCORE, 0),
                row.list(REASONS, "; "),
                row.integer(INCIDENTS, 0),
                row.integer(SEVERE, 0),
                row.integer(OPEN_CASES, 0),
                row.integer(OPEN_REPEAT_CASES, 0),
                row.time().toEpochMilli() * 1_000_000L);
    }
}
